"""Query results shaped for output: JSON-ready records plus the columns a table shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple

from spacecli.data import LayerReport
from spacecli.model import Collaboration, Dataset, Organisation
from spacecli.network import Hop, Network
from spacecli.query import (
    ComparisonRow,
    GoalCount,
    Hit,
    Involvement,
    Matrix,
    Member,
    Partnership,
    Period,
    Stats,
)

Record = dict[str, Any]

#: How a table draws a column: text; a bar as long as the (integer) value, up to `scale`;
#: or the value shaded by its size against `scale`, a heat map when the table has colour.
Look = Literal["text", "bar", "heat"]


def plain(value: Any) -> str:
    """A value as table text: nothing for None, lists joined with commas."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    if isinstance(value, dict):
        return plain(value.get("name") or value.get("abbreviation") or value.get("id"))
    return str(value)


def _years(record: Record) -> str:
    start, end = record.get("start"), record.get("end")
    if start is None:
        return ""
    return f"{start}-{end}" if end else f"{start}-"


def _participant_years(record: Record) -> str:
    since, until = record.get("since"), record.get("until")
    if since is None and until is None:
        return ""
    return f"{since or ''}-{until or ''}"


def _countries(value: Any) -> str:
    codes = list(value or ())
    return ", ".join(codes) if len(codes) <= 4 else f"{len(codes)} countries"


class Column(NamedTuple):
    """One table column: which record key it shows, its header, and how a cell reads."""

    key: str
    header: str
    cell: Callable[[Any], str] = plain
    whole_record: bool = False  # the cell function takes the whole record, not one value
    look: Look = "text"
    scale: int = 0  # for "bar" and "heat": the value that draws a full bar or the darkest shade

    def text(self, record: Record) -> str:
        """The cell text for `record`."""
        return self.cell(record) if self.whole_record else self.cell(record.get(self.key))


class ListView(NamedTuple):
    """Many records of one kind: JSON prints a list, a table prints a row per record.

    `fields` names every key of a record, in order, even when there are no records.
    """

    records: list[Record]
    columns: tuple[Column, ...]
    fields: tuple[str, ...]
    title: str | None = None
    empty: str = "nothing found"


class Section(NamedTuple):
    """A nested list inside a detail record, shown as its own table."""

    title: str
    key: str
    columns: tuple[Column, ...]


class DetailView(NamedTuple):
    """One record: JSON prints an object, a table prints rows of fields then nested sections."""

    record: Record
    rows: tuple[Column, ...]
    sections: tuple[Section, ...] = ()
    title: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The record's keys, in order."""
        return tuple(self.record)


View = ListView | DetailView


# -- records ------------------------------------------------------------------------------
# The keys of each record shape, in output order; a test checks the builders against them.

ORGANISATION_FIELDS = (
    "id", "abbreviation", "name", "kind", "countries", "founded", "website", "aliases", "note",
    "sources",
)  # fmt: skip
COLLABORATION_FIELDS = (
    "id", "name", "kind", "goals", "start", "launch", "end", "status", "organisations",
)  # fmt: skip
PARTNER_FIELDS = (
    "id", "abbreviation", "name", "kind", "countries", "shared_count", "collaborations",
)  # fmt: skip
SHARED_FIELDS = ("id", "name", "kind", "start", "end", "status", "roles")
COMPARISON_FIELDS = ("id", "partners", "type", "collaborations", "note")
AGENCY_FIELDS = (*ORGANISATION_FIELDS, "collaborations", "top_partners")
MISSION_FIELDS = (
    "id", "name", "aliases", "kind", "goals", "start", "launch", "end", "status", "summary",
    "participants", "figures", "note", "sources",
)  # fmt: skip
STATS_FIELDS = (
    "organisations", "collaborations", "comparison_rows", "participations", "first_year",
    "last_year", "goals_used", "country_count", "countries", "country_count_with_member_states",
    "countries_with_member_states", "by_goal", "by_status", "by_kind", "by_organisation_kind",
)  # fmt: skip

SEARCH_FIELDS = ("type", "id", "abbreviation", "name", "matched", "score")
PATH_FIELDS = (
    "step", "from", "to", "collaboration", "kind", "start", "shared_count", "collaborations",
)  # fmt: skip
TIMELINE_FIELDS = ("period", "first_year", "last_year", "count", "collaborations")
GOAL_FIELDS = ("goal", "description", "collaborations", "organisations")
NODE_FIELDS = ("id", "label", "name", "kind", "countries", "partners", "collaborations")
EDGE_FIELDS = ("source", "target", "weight", "collaborations")
SOURCE_FIELDS = (
    "position", "origin", "path", "organisations", "collaborations", "comparisons", "added",
    "replaced", "problems",
)  # fmt: skip

#: The fields each command's records have, for --fields completion and the README.
#: A matrix has a field per organisation shown, after "organisation".
FIELDS_BY_COMMAND: dict[str, tuple[str, ...]] = {
    "agencies": ORGANISATION_FIELDS,
    "agency": AGENCY_FIELDS,
    "partners": (*PARTNER_FIELDS, *(f for f in SHARED_FIELDS if f not in PARTNER_FIELDS)),
    "missions": COLLABORATION_FIELDS,
    "mission": MISSION_FIELDS,
    "compare": COMPARISON_FIELDS,
    "stats": STATS_FIELDS,
    "search": SEARCH_FIELDS,
    "path": PATH_FIELDS,
    "matrix": ("organisation",),
    "timeline": TIMELINE_FIELDS,
    "goals": GOAL_FIELDS,
    "sources": SOURCE_FIELDS,
}


def organisation_record(org: Organisation) -> Record:
    """The JSON shape of an organisation."""
    return {
        "id": org.id,
        "abbreviation": org.abbreviation,
        "name": org.name,
        "kind": org.kind.value,
        "countries": list(org.countries),
        "founded": org.founded,
        "website": org.website,
        "aliases": list(org.aliases),
        "note": org.note,
        "sources": list(org.sources),
    }


def _collaboration_brief(collab: Collaboration) -> Record:
    return {"id": collab.id, "name": collab.name}


def collaboration_record(collab: Collaboration, abbreviations: Sequence[str]) -> Record:
    """The JSON shape of a collaboration in a list (organisations by abbreviation)."""
    return {
        "id": collab.id,
        "name": collab.name,
        "kind": collab.kind.value,
        "goals": [goal.value for goal in collab.goals],
        "start": collab.start,
        "launch": collab.launch,
        "end": collab.end,
        "status": collab.status.value,
        "organisations": list(abbreviations),
    }


def participant_record(member: Member) -> Record:
    """The JSON shape of one participant in a collaboration."""
    org, part = member.organisation, member.participant
    return {
        "org": org.id,
        "abbreviation": org.abbreviation,
        "name": org.name,
        "role": part.role.value,
        "contribution": part.contribution,
        "since": part.since,
        "until": part.until,
        "note": part.note,
    }


# -- views --------------------------------------------------------------------------------

_ORG_COLUMNS = (
    Column("abbreviation", "Abbreviation"),
    Column("name", "Name"),
    Column("kind", "Kind"),
    Column("countries", "Countries", _countries),
    Column("founded", "Founded"),
)


def agencies_view(orgs: Sequence[Organisation]) -> ListView:
    """`spacecli agencies`."""
    return ListView(
        [organisation_record(org) for org in orgs],
        _ORG_COLUMNS,
        ORGANISATION_FIELDS,
        title="Organisations",
        empty="no organisations match",
    )


def agency_view(
    org: Organisation, involved: Sequence[Involvement], top: Sequence[Partnership]
) -> DetailView:
    """`spacecli agency NAME`: the organisation, its collaborations, its top partners."""
    record = organisation_record(org)
    record["collaborations"] = [
        {
            "id": item.collaboration.id,
            "name": item.collaboration.name,
            "start": item.collaboration.start,
            "end": item.collaboration.end,
            "status": item.collaboration.status.value,
            "role": item.participant.role.value,
            "contribution": item.participant.contribution,
            "since": item.participant.since,
            "until": item.participant.until,
        }
        for item in involved
    ]
    record["top_partners"] = [
        {
            "id": link.partner.id,
            "abbreviation": link.partner.abbreviation,
            "shared_count": len(link.shared),
        }
        for link in top
    ]
    return DetailView(
        record,
        rows=(
            Column("name", "Name"),
            Column("abbreviation", "Abbreviation"),
            Column("kind", "Kind"),
            Column("countries", "Countries"),
            Column("founded", "Founded"),
            Column("website", "Website"),
            Column("aliases", "Also known as"),
            Column("note", "Note"),
            Column("sources", "Sources", lambda v: "\n".join(v)),
        ),
        sections=(
            Section(
                "Collaborations",
                "collaborations",
                (
                    Column("name", "Collaboration"),
                    Column("start", "Years", _years, whole_record=True),
                    Column("status", "Status"),
                    Column("role", "Role"),
                    Column("contribution", "Contribution"),
                ),
            ),
            Section(
                "Top partners",
                "top_partners",
                (Column("abbreviation", "Partner"), Column("shared_count", "Shared")),
            ),
        ),
        title=f"{org.abbreviation}: {org.name}",
    )


def partners_view(org: Organisation, links: Sequence[Partnership]) -> ListView:
    """`spacecli partners NAME`: one row per partner, most shared first."""
    return ListView(
        [
            {
                "id": link.partner.id,
                "abbreviation": link.partner.abbreviation,
                "name": link.partner.name,
                "kind": link.partner.kind.value,
                "countries": list(link.partner.countries),
                "shared_count": len(link.shared),
                "collaborations": [_collaboration_brief(c) for c in link.shared],
            }
            for link in links
        ],
        (
            Column("abbreviation", "Partner"),
            Column("shared_count", "Shared"),
            Column("collaborations", "Shared collaborations"),
        ),
        PARTNER_FIELDS,
        title=f"Partners of {org.abbreviation}",
        empty=f"{org.abbreviation} shares no collaboration that matches",
    )


def shared_view(
    first: Organisation, second: Organisation, collabs: Sequence[Collaboration]
) -> ListView:
    """`spacecli partners A B`: what the two share, with each one's role."""

    def roles_of(collab: Collaboration) -> list[Record]:
        return [
            {"org": p.org, "role": p.role.value, "contribution": p.contribution}
            for p in collab.participants
            if p.org in (first.id, second.id)
        ]

    def role_cell(org_id: str) -> Callable[[Any], str]:
        def cell(roles: Any) -> str:
            for item in roles:
                if item["org"] == org_id:
                    extra = f": {item['contribution']}" if item["contribution"] else ""
                    return f"{item['role']}{extra}"
            return ""

        return cell

    return ListView(
        [
            {
                "id": collab.id,
                "name": collab.name,
                "kind": collab.kind.value,
                "start": collab.start,
                "end": collab.end,
                "status": collab.status.value,
                "roles": roles_of(collab),
            }
            for collab in collabs
        ],
        (
            Column("name", "Collaboration"),
            Column("start", "Years", _years, whole_record=True),
            Column("roles", f"{first.abbreviation} role", role_cell(first.id)),
            Column("roles", f"{second.abbreviation} role", role_cell(second.id)),
        ),
        SHARED_FIELDS,
        title=f"What {first.abbreviation} and {second.abbreviation} share",
        empty=f"{first.abbreviation} and {second.abbreviation} share no collaboration that matches",
    )


def missions_view(data: Dataset, collabs: Sequence[Collaboration]) -> ListView:
    """`spacecli missions`: one row per collaboration, oldest first."""
    return ListView(
        [
            collaboration_record(c, [data.organisation(o).abbreviation for o in c.org_ids])
            for c in collabs
        ],
        (
            Column("name", "Collaboration"),
            Column("kind", "Kind"),
            Column("start", "Years", _years, whole_record=True),
            Column("status", "Status"),
            Column("organisations", "Organisations"),
        ),
        COLLABORATION_FIELDS,
        title="Collaborations",
        empty="no missions match",
    )


def mission_view(collab: Collaboration, people: Sequence[Member]) -> DetailView:
    """`spacecli mission NAME`: participants with roles, years, status, summary, sources."""
    record: Record = {
        "id": collab.id,
        "name": collab.name,
        "aliases": list(collab.aliases),
        "kind": collab.kind.value,
        "goals": [goal.value for goal in collab.goals],
        "start": collab.start,
        "launch": collab.launch,
        "end": collab.end,
        "status": collab.status.value,
        "summary": collab.summary,
        "participants": [participant_record(member) for member in people],
        "figures": [
            {"label": f.label, "value": f.value, "source": f.source} for f in collab.figures
        ],
        "note": collab.note,
        "sources": list(collab.sources),
    }
    return DetailView(
        record,
        rows=(
            Column("name", "Name"),
            Column("aliases", "Also known as"),
            Column("kind", "Kind"),
            Column("goals", "Goals"),
            Column("start", "Years", _years, whole_record=True),
            Column("launch", "Launch"),
            Column("status", "Status"),
            Column("summary", "Summary"),
            Column("note", "Note"),
            Column("sources", "Sources", lambda v: "\n".join(v)),
        ),
        sections=(
            Section(
                "Participants",
                "participants",
                (
                    Column("abbreviation", "Organisation"),
                    Column("role", "Role"),
                    Column("contribution", "Contribution"),
                    Column("since", "Years", _participant_years, whole_record=True),
                    Column("note", "Note"),
                ),
            ),
            Section(
                "Figures",
                "figures",
                (
                    Column("label", "Figure"),
                    Column("value", "Value"),
                    Column("source", "Source"),
                ),
            ),
        ),
        title=collab.name,
    )


def compare_view(rows: Sequence[ComparisonRow]) -> ListView:
    """`spacecli compare`: the comparison table, each row with its backing collaborations."""
    return ListView(
        [
            {
                "id": item.row.id,
                "partners": item.row.partners,
                "type": item.row.type,
                "collaborations": [_collaboration_brief(c) for c in item.backing],
                "note": item.row.note,
            }
            for item in rows
        ],
        (
            Column("partners", "Partners"),
            Column("type", "Type of collaboration"),
            Column("collaborations", "Backed by"),
            Column("note", "What the sources say"),
        ),
        COMPARISON_FIELDS,
        title="International collaborations in space exploration",
        empty="the data holds no comparison rows",
    )


def stats_view(numbers: Stats) -> DetailView:
    """`spacecli stats`: the size and spread of the dataset."""

    def tally(name: str, pairs: tuple[tuple[str, int], ...]) -> list[Record]:
        return [{name: key, "count": count} for key, count in pairs]

    record: Record = {
        "organisations": numbers.organisations,
        "collaborations": numbers.collaborations,
        "comparison_rows": numbers.comparison_rows,
        "participations": numbers.participations,
        "first_year": numbers.first_year,
        "last_year": numbers.last_year,
        "goals_used": sum(1 for _, count in numbers.by_goal if count),
        "country_count": len(numbers.countries),
        "countries": list(numbers.countries),
        "country_count_with_member_states": len(numbers.countries_with_member_states),
        "countries_with_member_states": list(numbers.countries_with_member_states),
        "by_goal": tally("goal", numbers.by_goal),
        "by_status": tally("status", numbers.by_status),
        "by_kind": tally("kind", numbers.by_kind),
        "by_organisation_kind": tally("kind", numbers.by_organisation_kind),
    }
    return DetailView(
        record,
        rows=(
            Column("organisations", "Organisations"),
            Column("collaborations", "Collaborations"),
            Column("comparison_rows", "Comparison rows"),
            Column("participations", "Participations"),
            Column(
                "first_year",
                "Years",
                lambda r: f"{r['first_year']}-{r['last_year']}" if r["first_year"] else "",
                whole_record=True,
            ),
            Column("goals_used", "Goals used"),
            Column("country_count", "Countries taking part"),
            Column("countries", "  of which", lambda v: " ".join(v)),
            Column("country_count_with_member_states", "With ESA, EUMETSAT members"),
        ),
        sections=(
            _tally_section("By goal", "by_goal", "goal", "Collaborations"),
            _tally_section("By status", "by_status", "status", "Collaborations"),
            _tally_section("By kind", "by_kind", "kind", "Collaborations"),
            _tally_section(
                "Organisations by kind", "by_organisation_kind", "kind", "Organisations"
            ),
        ),
        title="spacecli dataset",
    )


def _tally_section(title: str, key: str, name: str, counted: str) -> Section:
    return Section(title, key, (Column(name, name.capitalize()), Column("count", counted)))


def search_view(text: str, hits: Sequence[Hit]) -> ListView:
    """`spacecli search TEXT`: organisations and collaborations, best match first."""
    records = []
    for hit in hits:
        org = hit.record if isinstance(hit.record, Organisation) else None
        records.append(
            {
                "type": "organisation" if org else "collaboration",
                "id": hit.record.id,
                "abbreviation": org.abbreviation if org else None,
                "name": hit.record.name,
                "matched": hit.matched,
                "score": hit.score,
            }
        )

    def name_cell(record: Record) -> str:
        short = record["abbreviation"]
        return f"{short}: {record['name']}" if short else str(record["name"])

    return ListView(
        records,
        (
            Column("type", "Type"),
            Column("name", "Name", name_cell, whole_record=True),
            Column("matched", "Matched"),
            Column("score", "Score"),
        ),
        SEARCH_FIELDS,
        title=f"Search: {text}",
        empty=f"nothing matches {text!r}",
    )


def path_view(
    start: Organisation, end: Organisation, hops: Sequence[Hop] | None, max_hops: int | None
) -> ListView:
    """`spacecli path A B`: each step with the collaboration that makes it."""
    records = [
        {
            "step": number,
            "from": hop.start.abbreviation,
            "to": hop.end.abbreviation,
            "collaboration": _collaboration_brief(hop.collaboration),
            "kind": hop.collaboration.kind.value,
            "start": hop.collaboration.start,
            "shared_count": len(hop.shared),
            "collaborations": [_collaboration_brief(c) for c in hop.shared],
        }
        for number, hop in enumerate(hops or (), start=1)
    ]
    steps = len(records)
    within = f" in at most {_steps(max_hops)}" if max_hops is not None else ""
    return ListView(
        records,
        (
            Column("step", "Step"),
            Column("from", "From"),
            Column("to", "To"),
            Column(
                "collaboration",
                "Through",
                lambda r: f"{r['collaboration']['name']} ({r['start']})",
                whole_record=True,
            ),
            Column("shared_count", "Shared"),
        ),
        PATH_FIELDS,
        title=f"{start.abbreviation} to {end.abbreviation} in {_steps(steps)}",
        empty=f"no chain of collaborations links {start.abbreviation} and {end.abbreviation}"
        + within,
    )


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def matrix_view(table: Matrix) -> ListView:
    """`spacecli matrix`: one row per organisation, a column per organisation, shared counts."""
    labels = [org.abbreviation for org in table.organisations]
    records: list[Record] = [
        {"organisation": label, **dict(zip(labels, row, strict=True))}
        for label, row in zip(labels, table.counts, strict=True)
    ]
    top = max((n for row in table.counts for n in row if n is not None), default=0)
    return ListView(
        records,
        (
            Column("organisation", ""),
            *(
                Column(label, label, lambda v: "-" if v is None else str(v), look="heat", scale=top)
                for label in labels
            ),
        ),
        ("organisation", *labels),
        title="Collaborations shared",
        empty="no organisations to compare",
    )


def timeline_view(periods: Sequence[Period], title: str) -> ListView:
    """`spacecli timeline`: collaborations begun per year or decade, as bars in a table."""
    records = [
        {
            "period": period.label,
            "first_year": period.first_year,
            "last_year": period.last_year,
            "count": len(period.collaborations),
            "collaborations": [_collaboration_brief(c) for c in period.collaborations],
        }
        for period in periods
    ]
    top = max((len(period.collaborations) for period in periods), default=0)
    return ListView(
        records,
        (
            Column("period", "Period"),
            Column("count", "Began"),
            Column("count", "", look="bar", scale=top),
        ),
        TIMELINE_FIELDS,
        title=title,
        empty="no collaborations match",
    )


def goals_view(counts: Sequence[GoalCount]) -> ListView:
    """`spacecli goals`: the goal vocabulary with how often each goal is pursued."""
    return ListView(
        [
            {
                "goal": item.goal.value,
                "description": item.description,
                "collaborations": item.collaborations,
                "organisations": item.organisations,
            }
            for item in counts
        ],
        (
            Column("goal", "Goal"),
            Column("collaborations", "Collabs"),
            Column("organisations", "Orgs"),
            Column("description", "Covers"),
        ),
        GOAL_FIELDS,
        title="Goals",
    )


def _first_three(names: list[str]) -> str:
    if len(names) <= 3:
        return ", ".join(names)
    return f"{', '.join(names[:3])} and {len(names) - 3} more"


class GraphView(NamedTuple):
    """The collaboration network: node and edge records, and the edges as a table."""

    nodes: list[Record]
    edges: list[Record]
    edge_list: ListView
    title: str


def graph_view(net: Network, title: str) -> GraphView:
    """`spacecli graph`: nodes by abbreviation, edges heaviest first."""
    reach = net.reach()
    nodes = [
        {
            "id": org.id,
            "label": org.abbreviation,
            "name": org.name,
            "kind": org.kind.value,
            "countries": list(org.countries),
            "partners": reach[org.id][0],
            "collaborations": reach[org.id][1],
        }
        for org in net.nodes
    ]
    edges = [
        {
            "source": edge.source.id,
            "target": edge.target.id,
            "weight": edge.weight,
            "collaborations": [c.id for c in edge.shared],
        }
        for edge in net.edges
    ]
    edge_list = ListView(
        [
            {
                "source": edge.source.abbreviation,
                "target": edge.target.abbreviation,
                "weight": edge.weight,
                "collaborations": [c.name for c in edge.shared],
            }
            for edge in net.edges
        ],
        (
            Column("source", "Organisation"),
            Column("target", "Organisation"),
            Column("weight", "Shared"),
            Column("collaborations", "Collaborations (oldest first)", _first_three),
        ),
        EDGE_FIELDS,
        title=title,
        empty="no links match",
    )
    return GraphView(nodes, edges, edge_list, title)


def sources_view(reports: Sequence[LayerReport]) -> ListView:
    """`spacecli data sources`: the data files in effect, in the order they apply."""
    return ListView(
        [
            {
                "position": number,
                "origin": report.layer.origin,
                "path": str(report.layer.path),
                "organisations": report.organisations,
                "collaborations": report.collaborations,
                "comparisons": report.comparisons,
                "added": report.added,
                "replaced": report.replaced,
                "problems": report.problems,
            }
            for number, report in enumerate(reports, start=1)
        ],
        (
            Column("position", "#"),
            Column("origin", "From"),
            Column("path", "File"),
            Column("organisations", "Orgs"),
            Column("collaborations", "Collabs"),
            Column("added", "Added"),
            Column("replaced", "Replaced"),
            Column("problems", "Problems"),
        ),
        SOURCE_FIELDS,
        title="Data files in effect (later files win)",
        empty="no data files in effect: --no-bundled without --data or SPACECLI_DATA",
    )


def select(view: View, wanted: list[str]) -> View:
    """The view limited to the `wanted` fields, in that order (`ValueError` names unknown ones).

    Table columns follow: a field with a column keeps it, others get a plain column.
    """
    unknown = [name for name in wanted if name not in view.fields]
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}; valid fields: {', '.join(view.fields)}")
    if isinstance(view, ListView):
        own = {column.key: column for column in view.columns if not column.whole_record}
        return ListView(
            [{name: record[name] for name in wanted} for record in view.records],
            tuple(own.get(name, Column(name, name)) for name in wanted),
            tuple(wanted),
            title=view.title,
            empty=view.empty,
        )
    own = {column.key: column for column in view.rows if not column.whole_record}
    return DetailView(
        {name: view.record[name] for name in wanted},
        tuple(
            own.get(name, Column(name, name)) for name in wanted if name not in _section_keys(view)
        ),
        tuple(section for section in view.sections if section.key in wanted),
        title=view.title,
    )


def _section_keys(view: DetailView) -> set[str]:
    return {section.key for section in view.sections}
