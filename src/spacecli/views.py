"""Query results shaped for output: JSON-ready records plus the columns a table shows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple

from spacecli.countries import Country
from spacecli.data import LayerReport
from spacecli.model import Collaboration, Dataset, Figure, Organisation, Participant
from spacecli.network import Hop, Network
from spacecli.query import (
    Audit,
    Chapter,
    ComparisonRow,
    CountryUse,
    GoalCount,
    Hit,
    Involvement,
    Lineage,
    Matrix,
    Member,
    Partnership,
    Period,
    Stats,
)
from spacecli.schema import Spec, singular, specs

Record = dict[str, Any]

#: How a table draws a column: text; a bar as long as the (integer) value, up to `scale`;
#: or the value shaded by its size against `scale`, a heat map when the table has colour.
Look = Literal["text", "bar", "heat", "links"]


def plain(value: Any) -> str:
    """A value as table text: nothing for None, lists joined with commas."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    return str(value)


# -- output records, declared once ---------------------------------------------------------
# Each output record shape lists its fields once: their order, a doc line, how each is read
# from the query result, and for nested records their own shape. From a shape come the JSON
# records, `--fields` checking and completion, the "valid fields" message, the reference docs
# and the text of a nested record in a table or spreadsheet cell.


class Out(NamedTuple):
    """One field of an output record."""

    name: str
    doc: str
    get: Callable[[Any], Any]
    nested: Shape | None = None  # the shape of the record(s) the field holds


class Shape(NamedTuple):
    """The fields of one kind of output record, in output order.

    `label` names the field that names a record when it sits inside another record's cell,
    and `amount` a number shown after it ("ESA: 48"); a record with a role reads
    "ESA (partner: Columbus)".
    """

    name: str
    fields: tuple[Out, ...]
    label: str = "id"
    amount: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in order."""
        return tuple(out.name for out in self.fields)

    def record(self, item: Any) -> Record:
        """The output record of one query result."""
        return {out.name: _nested(out, out.get(item)) for out in self.fields}

    def records(self, items: Iterable[Any]) -> list[Record]:
        """The output records of query results, in order."""
        return [self.record(item) for item in items]

    def nested(self, name: str) -> Shape | None:
        """The shape of the record(s) in field `name`, if it holds records."""
        return next((out.nested for out in self.fields if out.name == name), None)

    def text(self, record: Record) -> str:
        """A nested record as one piece of text: its label, and its role or amount."""
        label = plain(record.get(self.label))
        if record.get("role"):
            contribution = f": {record['contribution']}" if record.get("contribution") else ""
            return f"{label} ({record['role']}{contribution})"
        if self.amount is not None:
            return f"{label}: {record[self.amount]}"
        return label

    def only(self, wanted: Sequence[str]) -> Shape:
        """The shape limited to `wanted` fields, in that order (`ValueError` names unknown ones)."""
        unknown = [name for name in wanted if name not in self.names]
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}; valid fields: {', '.join(self.names)}")
        by_name = {out.name: out for out in self.fields}
        return self._replace(fields=tuple(by_name[name] for name in wanted))


def _nested(out: Out, value: Any) -> Any:
    if out.nested is None or value is None:
        return value
    if isinstance(value, list | tuple):
        return out.nested.records(value)
    return out.nested.record(value)


def cell_text(value: Any, shape: Shape | None, *, lists: Literal["json", "text"] = "text") -> str:
    """A value as one cell of text: nested records by their label; a list as a JSON array
    of its items' texts (`lists="json"`, for CSV and TSV: it splits back exactly, as
    sqlite-utils does) or joined with '; ' (for reading, in Markdown)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        items = [cell_text(item, shape) for item in value]
        return json.dumps(items, ensure_ascii=False) if lists == "json" else "; ".join(items)
    if isinstance(value, dict):
        return shape.text(value) if shape is not None else plain(value.get("id"))
    return str(value)


def _attr(name: str) -> Callable[[Any], Any]:
    """A getter for attribute `name`: enums by value, tuples as lists."""

    def get(item: Any) -> Any:
        return _jsonable(getattr(item, name))

    return get


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return getattr(value, "value", value)


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
    look: Look = "text"  # "links": URLs, one a line, never split, shown last
    scale: int = 0  # for "bar" and "heat": the value that draws a full bar or the darkest shade

    def text(self, record: Record) -> str:
        """The cell text for `record`."""
        return self.cell(record) if self.whole_record else self.cell(record.get(self.key))


class ListView(NamedTuple):
    """Many records of one shape: JSON prints a list, a table prints a row per record."""

    records: list[Record]
    columns: tuple[Column, ...]
    shape: Shape
    title: str | None = None
    empty: str = "nothing found"

    @property
    def fields(self) -> tuple[str, ...]:
        """Every key of a record, in order, even when there are no records."""
        return self.shape.names


class Section(NamedTuple):
    """A nested list inside a detail record, shown as its own table."""

    title: str
    key: str
    columns: tuple[Column, ...]


class DetailView(NamedTuple):
    """One record: JSON prints an object, a table prints rows of fields then nested sections."""

    record: Record
    shape: Shape
    rows: tuple[Column, ...]
    sections: tuple[Section, ...] = ()
    title: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The record's keys, in order."""
        return self.shape.names


View = ListView | DetailView


# -- the shapes ---------------------------------------------------------------------------


def _o(
    name: str, doc: str, get: Callable[[Any], Any] | None = None, nested: Shape | None = None
) -> Out:
    return Out(name, doc, get or _attr(name), nested)


def _of_first(get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A getter that reads the first item of a pair (the record beside its context)."""
    return lambda item: get(item[0])


def _column_of(number: int) -> Callable[[Any], Any]:
    return lambda row: row[1][number]


BRIEF = Shape(
    "collaboration (brief)",
    (_o("id", "collaboration id"), _o("name", "collaboration name")),
    label="name",
)


def from_model(
    name: str,
    cls: type[Any],
    order: Sequence[str],
    special: Mapping[str, Out] | None = None,
    *,
    label: str,
    amount: str | None = None,
) -> Shape:
    """The output shape of a model record: every field the data file declares, each with
    its doc line, the fields in `order` first, any others after them in the file's order.

    A field added to the model's schema so appears in JSON and every other format at once;
    `special` replaces how some fields are read (a participant with its organisation).
    """
    declared = dict(specs(cls))
    names = [*order, *(n for n in declared if n not in order)]
    fields = tuple((special or {}).get(n) or _model_field(n, declared[n]) for n in names)
    return Shape(name, fields, label=label, amount=amount)


def _model_field(name: str, declared: Spec) -> Out:
    """An output field read straight from a model field; sub-records keep their own shape."""
    if declared.record is None:
        return _o(name, _output_doc(declared))
    first = next(iter(specs(declared.record)))[0]
    nested = from_model(singular(name), declared.record, (), label=first)
    return _o(name, declared.doc, lambda item: getattr(item, name), nested)


def _output_doc(declared: Spec) -> str:
    optional_value = not (declared.required or declared.many)
    return declared.doc + (", or null" if optional_value else "")


ORGANISATION = from_model(
    "organisation",
    Organisation,
    ("id", "abbreviation", "name", "kind", "countries", "founded", "website", "aliases", "note"),
    label="abbreviation",
)
COLLABORATION = Shape(
    "collaboration",
    (
        _o("id", "stable id"),
        _o("name", "full name"),
        _o("kind", "mission, station, telescope, programme, agreement, coordination or flight"),
        _o("goals", "what it is for"),
        _o("start", "year the joint work began"),
        _o("launch", "launch year, or null"),
        _o("end", "year it ended, or null"),
        _o("status", "planned, active, completed, failed or cancelled"),
        _o("organisations", "participants by abbreviation", lambda item: list(item[1])),
    ),
    label="name",
)
# A collaboration read from a (collaboration, abbreviations) pair: see missions_view.
_COLLABORATION_OF = tuple(
    out if out.name == "organisations" else out._replace(get=_of_first(out.get))
    for out in COLLABORATION.fields
)
COLLABORATION = COLLABORATION._replace(fields=_COLLABORATION_OF)
PARTNER = Shape(
    "partner",
    (
        _o("id", "partner's id", lambda link: link.partner.id),
        _o("abbreviation", "partner's short name", lambda link: link.partner.abbreviation),
        _o("name", "partner's full name", lambda link: link.partner.name),
        _o("kind", "partner's kind", lambda link: link.partner.kind.value),
        _o("countries", "partner's countries", lambda link: list(link.partner.countries)),
        _o("shared_count", "collaborations shared", lambda link: len(link.shared)),
        _o(
            "collaborations",
            "the shared collaborations, oldest first",
            lambda link: link.shared,
            BRIEF,
        ),
    ),
    label="abbreviation",
    amount="shared_count",
)
ROLE = Shape(
    "role",
    (
        _o("org", "organisation id", lambda p: p.org),
        _o("role", "its role", lambda p: p.role.value),
        _o("contribution", "what it provides, or null", lambda p: p.contribution),
        _o("since", "year it joined, when later than the start, or null", lambda p: p.since),
        _o("until", "year it left, or null", lambda p: p.until),
    ),
    label="org",
)
SHARED = Shape(
    "shared collaboration",
    (
        _o("id", "collaboration id", lambda item: item[0].id),
        _o("name", "collaboration name", lambda item: item[0].name),
        _o("kind", "its kind", lambda item: item[0].kind.value),
        _o("start", "year it began", lambda item: item[0].start),
        _o("end", "year it ended, or null", lambda item: item[0].end),
        _o("status", "its status", lambda item: item[0].status.value),
        _o("roles", "the two organisations' parts", lambda item: item[1], ROLE),
    ),
    label="name",
)
COMPARISON = Shape(
    "comparison row",
    (
        _o("id", "row id", lambda item: item.row.id),
        _o("partners", "partners as the table words them", lambda item: item.row.partners),
        _o("type", "type of collaboration", lambda item: item.row.type),
        _o("collaborations", "the records that back the row", lambda item: item.backing, BRIEF),
        _o("note", "what the sources say otherwise, or null", lambda item: item.row.note),
    ),
    label="partners",
)
INVOLVEMENT = Shape(
    "involvement",
    (
        _o("id", "collaboration id", lambda i: i.collaboration.id),
        _o("name", "collaboration name", lambda i: i.collaboration.name),
        _o("start", "year it began", lambda i: i.collaboration.start),
        _o("end", "year it ended, or null", lambda i: i.collaboration.end),
        _o("status", "its status", lambda i: i.collaboration.status.value),
        _o("role", "the organisation's role", lambda i: i.participant.role.value),
        _o("contribution", "what it provides, or null", lambda i: i.participant.contribution),
        _o("since", "year it joined, or null", lambda i: i.participant.since),
        _o("until", "year it left, or null", lambda i: i.participant.until),
    ),
    label="name",
)
TOP_PARTNER = Shape(
    "top partner",
    (
        _o("id", "partner's id", lambda link: link.partner.id),
        _o("abbreviation", "partner's short name", lambda link: link.partner.abbreviation),
        _o("shared_count", "collaborations shared", lambda link: len(link.shared)),
    ),
    label="abbreviation",
    amount="shared_count",
)
LINKED = Shape(
    "linked organisation",
    (
        _o("id", "its id", lambda pair: pair[0].id),
        _o("abbreviation", "its short name", lambda pair: pair[0].abbreviation),
        _o("year", "the year one became the other, or null", lambda pair: pair[1]),
    ),
    label="abbreviation",
)
PART = Shape(
    "part",
    (_o("id", "its id"), _o("abbreviation", "its short name")),
    label="abbreviation",
)
AGENCY = Shape(
    "organisation in detail",
    (
        *(
            out._replace(get=_of_first(out.get))
            for out in ORGANISATION.fields
            if out.name != "predecessors"
        ),
        _o(
            "predecessors",
            "organisations that became it, with the year",
            lambda item: item[3].predecessors,
            LINKED,
        ),
        _o(
            "successors",
            "organisations it became, with the year",
            lambda item: item[3].successors,
            LINKED,
        ),
        _o("parts", "organisations that belong to it", lambda item: item[3].parts, PART),
        _o(
            "collaborations",
            "what it takes part in, oldest first",
            lambda item: item[1],
            INVOLVEMENT,
        ),
        _o("top_partners", "its five most frequent partners", lambda item: item[2], TOP_PARTNER),
    ),
    label="abbreviation",
)
PARTICIPANT = Shape(
    "participant",
    (
        _o("org", "organisation id", lambda m: m.organisation.id),
        _o("abbreviation", "its short name", lambda m: m.organisation.abbreviation),
        _o("name", "its full name", lambda m: m.organisation.name),
        _o("role", "its role", lambda m: m.participant.role.value),
        _o("contribution", "what it provides, or null", lambda m: m.participant.contribution),
        _o("since", "year it joined, or null", lambda m: m.participant.since),
        _o("until", "year it left, or null", lambda m: m.participant.until),
        _o("note", "why it joined or left, or null", lambda m: m.participant.note),
    ),
    label="abbreviation",
)
FIGURE = from_model("figure", Figure, (), label="label", amount="value")
_MISSION_ORDER = (
    "id", "name", "aliases", "kind", "goals", "start", "launch", "end", "status", "summary",
    "participants", "figures", "note",
)  # fmt: skip
MISSION = from_model(
    "collaboration in detail",
    Collaboration,
    _MISSION_ORDER,
    {
        "participants": _o(
            "participants", "who takes part, in the data's order", lambda item: item[1], PARTICIPANT
        ),
        "figures": _o("figures", "numbers people quote", lambda item: item[0].figures, FIGURE),
    },
    label="name",
)
# Read from a (collaboration, members) pair, participants from the members.
MISSION = MISSION._replace(
    fields=tuple(
        out if out.name in ("participants", "figures") else out._replace(get=_of_first(out.get))
        for out in MISSION.fields
    )
)


def _tally(key: str) -> Shape:
    return Shape(
        f"{key} count",
        (
            _o(key, f"the {key}", lambda pair: pair[0]),
            _o("count", "how many", lambda pair: pair[1]),
        ),
        label=key,
        amount="count",
    )


STATS = Shape(
    "statistics",
    (
        _o("organisations", "organisations"),
        _o("collaborations", "collaborations"),
        _o("comparison_rows", "rows of the comparison table"),
        _o("participations", "organisations taking part, summed over collaborations"),
        _o("first_year", "earliest start year, or null"),
        _o("last_year", "latest start year, or null"),
        _o(
            "goals_used", "goals pursued at least once", lambda n: sum(1 for _, c in n.by_goal if c)
        ),
        _o("country_count", "countries taking part directly", lambda n: len(n.countries)),
        _o("countries", "their ISO codes"),
        _o(
            "country_count_with_member_states",
            "countries counting ESA and EUMETSAT member states",
            lambda n: len(n.countries_with_member_states),
        ),
        _o("countries_with_member_states", "their ISO codes"),
        _o("by_goal", "collaborations per goal", lambda n: n.by_goal, _tally("goal")),
        _o("by_status", "collaborations per status", lambda n: n.by_status, _tally("status")),
        _o("by_kind", "collaborations per kind", lambda n: n.by_kind, _tally("kind")),
        _o(
            "by_organisation_kind",
            "organisations per kind",
            lambda n: n.by_organisation_kind,
            _tally("kind"),
        ),
        _o(
            "by_region",
            "collaborations with partners from outside each region",
            lambda n: n.by_region,
            _tally("region"),
        ),
        _o("by_decade", "collaborations begun per decade", lambda n: n.by_decade, _tally("decade")),
    ),
)
SEARCH = Shape(
    "search hit",
    (
        _o(
            "type",
            "organisation or collaboration",
            lambda h: "organisation" if isinstance(h.record, Organisation) else "collaboration",
        ),
        _o("id", "its id", lambda h: h.record.id),
        _o(
            "abbreviation",
            "short name of an organisation, or null",
            lambda h: getattr(h.record, "abbreviation", None),
        ),
        _o("name", "its name", lambda h: h.record.name),
        _o("matched", "the name or text that matched", lambda h: h.matched),
        _o("score", "how well it matched, 0-100", lambda h: h.score),
    ),
    label="name",
)
STEP = Shape(
    "step",
    (
        _o("step", "1 for the first step", lambda item: item[0]),
        _o("from", "organisation it leaves", lambda item: item[1].start.abbreviation),
        _o("to", "organisation it reaches", lambda item: item[1].end.abbreviation),
        _o(
            "collaboration",
            "the collaboration that makes the step",
            lambda item: item[1].collaboration,
            BRIEF,
        ),
        _o("kind", "that collaboration's kind", lambda item: item[1].collaboration.kind.value),
        _o("start", "the year it began", lambda item: item[1].collaboration.start),
        _o("shared_count", "collaborations the two share", lambda item: len(item[1].shared)),
        _o(
            "collaborations",
            "every collaboration the two share",
            lambda item: item[1].shared,
            BRIEF,
        ),
    ),
    label="from",
)
PERIOD = Shape(
    "period",
    (
        _o("period", "the year, or the decade (1990s)", lambda p: p.label),
        _o("first_year", "its first year"),
        _o("last_year", "its last year"),
        _o("count", "collaborations begun in it", lambda p: len(p.collaborations)),
        _o(
            "collaborations",
            "those collaborations, oldest first",
            lambda p: p.collaborations,
            BRIEF,
        ),
    ),
    label="period",
    amount="count",
)
GOAL = Shape(
    "goal",
    (
        _o("goal", "the goal", lambda g: g.goal.value),
        _o("description", "what it covers"),
        _o("collaborations", "how many collaborations pursue it"),
        _o("organisations", "how many organisations take part in those"),
    ),
    label="goal",
)
NODE = Shape(
    "node",
    (
        _o("id", "organisation id", lambda item: item[0].id),
        _o("label", "its abbreviation", lambda item: item[0].abbreviation),
        _o("name", "its full name", lambda item: item[0].name),
        _o("kind", "its kind", lambda item: item[0].kind.value),
        _o("countries", "its countries", lambda item: list(item[0].countries)),
        _o("partners", "organisations it is linked to", lambda item: item[1][0]),
        _o("collaborations", "collaborations it takes part in", lambda item: item[1][1]),
    ),
    label="label",
)
EDGE = Shape(
    "edge",
    (
        _o("source", "one organisation's id", lambda e: e.source.id),
        _o("target", "the other's id", lambda e: e.target.id),
        _o("weight", "collaborations they share", lambda e: e.weight),
        _o("collaborations", "the ids of those collaborations", lambda e: [c.id for c in e.shared]),
    ),
    label="source",
)
LINK = Shape(
    "link",
    (
        _o("source", "one organisation's abbreviation", lambda e: e.source.abbreviation),
        _o("target", "the other's abbreviation", lambda e: e.target.abbreviation),
        _o("weight", "collaborations they share", lambda e: e.weight),
        _o("collaborations", "their names, oldest first", lambda e: [c.name for c in e.shared]),
    ),
    label="source",
)
FINDING = Shape(
    "finding",
    (
        _o("kind", "what is the matter (no-primary-source, stale-status...)", lambda f: f.kind),
        _o("record", "the record's id", lambda f: f.record),
        _o("detail", "what was found", lambda f: f.detail),
    ),
    label="record",
)
SOURCE = Shape(
    "data file",
    (
        _o("position", "1 for the first file applied", lambda item: item[0]),
        _o(
            "origin",
            "bundled, SPACECLI_DATA, --data or argument",
            lambda item: item[1].layer.origin.value,
        ),
        _o("path", "the file", lambda item: str(item[1].layer.path)),
        _o("organisations", "organisations it holds", lambda item: item[1].organisations),
        _o("collaborations", "collaborations it holds", lambda item: item[1].collaborations),
        _o("comparisons", "comparison rows it holds", lambda item: item[1].comparisons),
        _o("added", "records it adds", lambda item: item[1].added),
        _o("replaced", "records of earlier files it replaces", lambda item: len(item[1].replaced)),
        _o("problems", "problems found in it", lambda item: item[1].problems),
    ),
    label="path",
)


def matrix_shape(labels: Sequence[str]) -> Shape:
    """A matrix row: the organisation, then a field per organisation shown."""
    return Shape(
        "matrix row",
        (
            _o("organisation", "the row's organisation", lambda row: row[0]),
            *(
                _o(
                    label,
                    f"collaborations shared with {label}, null on the diagonal",
                    _column_of(n),
                )
                for n, label in enumerate(labels)
            ),
        ),
        label="organisation",
    )


#: The record shape(s) of each command's output: one for most commands; `partners` with one
#: name lists partners, with two the collaborations they share. A matrix row has a field
#: per organisation shown, after "organisation".
PARTNER_COUNTRY = Shape(
    "partner country",
    (
        _o("code", "its ISO code", lambda item: item[0].code),
        _o("name", "its name", lambda item: item[0].name),
        _o("shared", "collaborations shared with it", lambda item: item[1]),
    ),
    label="code",
    amount="shared",
)
COUNTRY = Shape(
    "country",
    (
        _o("code", "ISO 3166-1 alpha-2 code", lambda use: use.country.code),
        _o("name", "English name", lambda use: use.country.name),
        _o(
            "organisations",
            "organisations based there, by abbreviation",
            lambda use: [org.abbreviation for org in use.organisations],
        ),
        _o(
            "collaborations",
            "collaborations they take part in",
            lambda use: len(use.collaborations),
        ),
        _o(
            "partner_countries",
            "other countries it shares collaborations with, most first",
            lambda use: use.partners,
            PARTNER_COUNTRY,
        ),
    ),
    label="name",
)
COUNTRY_DETAIL = Shape(
    "country in detail",
    (
        *(out for out in COUNTRY.fields if out.name != "collaborations"),
        _o(
            "collaborations",
            "the collaborations its organisations take part in, oldest first",
            lambda use: use.collaborations,
            BRIEF,
        ),
    ),
    label="name",
)


COUNTRY_LINK = Shape(
    "partner country and what they share",
    (
        _o("code", "its ISO code", lambda item: item[0].code),
        _o("name", "its name", lambda item: item[0].name),
        _o("shared_count", "how many collaborations they share", lambda item: len(item[1])),
        _o(
            "collaborations", "the shared collaborations, oldest first", lambda item: item[1], BRIEF
        ),
    ),
    label="code",
    amount="shared_count",
)


DEPARTURE = Shape(
    "departure",
    (
        _o("collaboration", "the collaboration's id", lambda item: item[0].id),
        _o("name", "the collaboration's name", lambda item: item[0].name),
        _o("organisation", "who left it, by id", lambda item: item[1].id),
        _o("abbreviation", "who left it, by abbreviation", lambda item: item[1].abbreviation),
    ),
    label="collaboration",
)
CHAPTER = Shape(
    "period of a partnership",
    (
        _o("period", "the year, or the decade (1990s)", lambda c: c.label),
        _o("first_year", "its first year"),
        _o("last_year", "its last year"),
        _o("together", "collaborations both took part in during it", lambda c: len(c.together)),
        _o("began", "collaborations they began together in it", lambda c: c.began, BRIEF),
        _o("ended", "shared collaborations that ended in it", lambda c: c.ended, BRIEF),
        _o("left", "shared collaborations one of them left in it", lambda c: c.left, DEPARTURE),
    ),
    label="period",
)


SHAPES_BY_COMMAND: dict[str, tuple[Shape, ...]] = {
    "history": (CHAPTER,),
    "countries": (COUNTRY,),
    "country": (COUNTRY_DETAIL,),
    "agencies": (ORGANISATION,),
    "agency": (AGENCY,),
    "partners": (PARTNER, SHARED),
    "missions": (COLLABORATION,),
    "mission": (MISSION,),
    "compare": (COMPARISON,),
    "stats": (STATS,),
    "search": (SEARCH,),
    "path": (STEP,),
    "matrix": (matrix_shape(()),),
    "timeline": (PERIOD,),
    "goals": (GOAL,),
    "sources": (SOURCE,),
    "audit": (FINDING,),
}


def shape_for(command: str, params: Mapping[str, Any]) -> Shape | None:
    """The shape a command's records have, given its parameters so far (None: no --fields)."""
    shapes = SHAPES_BY_COMMAND.get(command, ())
    if command == "partners":
        if str(params.get("by") or "") == "country":
            return COLLABORATION if params.get("other") else COUNTRY_LINK
        return shapes[1] if params.get("other") else shapes[0]
    return shapes[0] if shapes else None


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
        ORGANISATION.records(orgs),
        _ORG_COLUMNS,
        ORGANISATION,
        title="Organisations",
        empty="no organisations match",
    )


def agency_view(
    org: Organisation,
    involved: Sequence[Involvement],
    top: Sequence[Partnership],
    family: Lineage | None = None,
) -> DetailView:
    """`spacecli agency NAME`: the organisation, its lineage, collaborations, top partners."""
    family = family or Lineage(None, (), (), ())
    record = AGENCY.record((org, involved, top, family))
    return DetailView(
        record,
        AGENCY,
        rows=(
            Column("name", "Name"),
            Column("abbreviation", "Abbreviation"),
            Column("kind", "Kind"),
            Column("countries", "Based in"),
            Column("members", "Members", _members),
            Column("founded", "Founded"),
            Column("parent", "Part of", lambda _: _named(family.parent)),
            Column("parts", "Parts", _labels),
            Column("predecessors", "Formerly", _dated),
            Column("successors", "Became", _dated),
            Column("website", "Website", look="links"),
            Column("aliases", "Also known as"),
            Column("note", "Note"),
            Column("sources", "Sources", lambda v: "\n".join(v), look="links"),
        ),
        sections=(  # the short summary first: a long list would push it off the screen
            Section(
                "Top partners",
                "top_partners",
                (Column("abbreviation", "Partner"), Column("shared_count", "Shared")),
            ),
            Section(
                "Collaborations",
                "collaborations",
                (
                    Column("name", "Collaboration"),
                    Column("start", "Years", _years, whole_record=True),
                    Column("status", "Status"),
                    Column("role", "Role", lambda item: f"{item['role']}{_stay(item)}", True),
                    Column("contribution", "Contribution"),
                ),
            ),
        ),
        title=f"{org.abbreviation}: {org.name}",
    )


def _stay(item: Any) -> str:
    """When a participant joined late or left, as a note after its role: ' (until 2022)'."""
    since, until = item.get("since"), item.get("until")
    if since and until:
        return f" ({since}-{until})"
    if until:
        return f" (until {until})"
    return f" (since {since})" if since else ""


def _named(org: Organisation | None) -> str:
    return "" if org is None else f"{org.abbreviation}: {org.name}"


def _labels(value: Any) -> str:
    return ", ".join(item["abbreviation"] for item in value or ())


def _dated(value: Any) -> str:
    """Organisations with the year they became one another: 'NASDA (2003), ISAS (2003)'."""
    return ", ".join(
        f"{item['abbreviation']} ({item['year']})" if item.get("year") else item["abbreviation"]
        for item in value or ()
    )


def _members(value: Any) -> str:
    """Member states: 'AT (1987), BE (1975), ...', or how many when there are many."""
    items = [
        f"{m['country']} ({m['since']})" if m.get("since") else m["country"] for m in value or ()
    ]
    return ", ".join(items)


def partners_view(org: Organisation, links: Sequence[Partnership]) -> ListView:
    """`spacecli partners NAME`: one row per partner, most shared first."""
    return ListView(
        PARTNER.records(links),
        (
            Column("abbreviation", "Partner"),
            Column("shared_count", "Shared"),
            Column("collaborations", "Shared collaborations", _names),
        ),
        PARTNER,
        title=f"Partners of {org.abbreviation}",
        empty=f"{org.abbreviation} shares no collaboration that matches",
    )


def shared_view(
    first: Organisation, second: Organisation, collabs: Sequence[Collaboration]
) -> ListView:
    """`spacecli partners A B`: what the two share, with each one's role."""

    def roles_of(collab: Collaboration) -> tuple[Participant, ...]:
        return tuple(p for p in collab.participants if p.org in (first.id, second.id))

    def role_cell(org_id: str) -> Callable[[Any], str]:
        def cell(roles: Any) -> str:
            for item in roles:
                if item["org"] == org_id:
                    extra = f": {item['contribution']}" if item["contribution"] else ""
                    return f"{item['role']}{_stay(item)}{extra}"
            return ""

        return cell

    return ListView(
        SHARED.records((collab, roles_of(collab)) for collab in collabs),
        (
            Column("name", "Collaboration"),
            Column("start", "Years", _years, whole_record=True),
            Column("roles", f"{first.abbreviation} role", role_cell(first.id)),
            Column("roles", f"{second.abbreviation} role", role_cell(second.id)),
        ),
        SHARED,
        title=f"What {first.abbreviation} and {second.abbreviation} share",
        empty=f"{first.abbreviation} and {second.abbreviation} share no collaboration that matches",
    )


def missions_view(data: Dataset, collabs: Sequence[Collaboration]) -> ListView:
    """`spacecli missions`: one row per collaboration, oldest first."""
    return ListView(
        COLLABORATION.records(
            (c, [data.organisation(o).abbreviation for o in c.org_ids]) for c in collabs
        ),
        (
            Column("name", "Collaboration"),
            Column("kind", "Kind"),
            Column("start", "Years", _years, whole_record=True),
            Column("status", "Status"),
            Column("organisations", "Organisations"),
        ),
        COLLABORATION,
        title="Collaborations",
        empty="no missions match",
    )


def mission_view(collab: Collaboration, people: Sequence[Member]) -> DetailView:
    """`spacecli mission NAME`: participants with roles, years, status, summary, sources."""
    record = MISSION.record((collab, people))
    return DetailView(
        record,
        MISSION,
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
            Column("related", "Related"),
            Column("checked", "Status checked"),
            Column("sources", "Sources", lambda v: "\n".join(v), look="links"),
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
        COMPARISON.records(rows),
        (
            Column("partners", "Partners"),
            Column("type", "Type of collaboration"),
            Column("collaborations", "Backed by", _names),
            Column("note", "What the sources say"),
        ),
        COMPARISON,
        title="International collaborations in space exploration",
        empty="the data holds no comparison rows",
    )


def stats_view(numbers: Stats) -> DetailView:
    """`spacecli stats`: the size and spread of the dataset."""

    record = STATS.record(numbers)
    return DetailView(
        record,
        STATS,
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
            _tally_section(
                "By region (with partners from outside it)", "by_region", "region", "Collaborations"
            ),
            _tally_section("By decade begun", "by_decade", "decade", "Collaborations"),
        ),
        title="spacecli dataset",
    )


def _tally_section(title: str, key: str, name: str, counted: str) -> Section:
    return Section(title, key, (Column(name, name.capitalize()), Column("count", counted)))


def search_view(text: str, hits: Sequence[Hit]) -> ListView:
    """`spacecli search TEXT`: organisations and collaborations, best match first."""
    records = SEARCH.records(hits)

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
        SEARCH,
        title=f"Search: {text}",
        empty=f"nothing matches {text!r}",
    )


def path_view(
    start: Organisation, end: Organisation, hops: Sequence[Hop] | None, max_hops: int | None
) -> ListView:
    """`spacecli path A B`: each step with the collaboration that makes it."""
    records = STEP.records(enumerate(hops or (), start=1))
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
        STEP,
        title=f"{start.abbreviation} to {end.abbreviation} in {_steps(steps)}",
        empty=f"no chain of collaborations links {start.abbreviation} and {end.abbreviation}"
        + within,
    )


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def matrix_view(table: Matrix) -> ListView:
    """`spacecli matrix`: one row per organisation, a column per organisation, shared counts."""
    labels = [org.abbreviation for org in table.organisations]
    shape = matrix_shape(labels)
    records = shape.records(zip(labels, table.counts, strict=True))
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
        shape,
        title="Collaborations shared",
        empty="no organisations to compare",
    )


def timeline_view(periods: Sequence[Period], title: str) -> ListView:
    """`spacecli timeline`: collaborations begun per year or decade, as bars in a table."""
    records = PERIOD.records(periods)
    top = max((len(period.collaborations) for period in periods), default=0)
    return ListView(
        records,
        (
            Column("period", "Period"),
            Column("count", "Began"),
            Column("count", "", look="bar", scale=top),
        ),
        PERIOD,
        title=title,
        empty="no collaborations match",
    )


def goals_view(counts: Sequence[GoalCount]) -> ListView:
    """`spacecli goals`: the goal vocabulary with how often each goal is pursued."""
    return ListView(
        GOAL.records(counts),
        (
            Column("goal", "Goal"),
            Column("collaborations", "Collabs"),
            Column("organisations", "Orgs"),
            Column("description", "Covers"),
        ),
        GOAL,
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
    nodes = NODE.records((org, reach[org.id]) for org in net.nodes)
    edges = EDGE.records(net.edges)
    edge_list = ListView(
        LINK.records(net.edges),
        (
            Column("source", "Organisation"),
            Column("target", "Organisation"),
            Column("weight", "Shared"),
            Column("collaborations", "Collaborations (oldest first)", _first_three),
        ),
        LINK,
        title=title,
        empty="no links match",
    )
    return GraphView(nodes, edges, edge_list, title)


def sources_view(reports: Sequence[LayerReport]) -> ListView:
    """`spacecli data sources`: the data files in effect, in the order they apply."""
    return ListView(
        SOURCE.records(enumerate(reports, start=1)),
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
        SOURCE,
        title="Data files in effect (later files win)",
        empty="no data files in effect: --no-bundled without --data or SPACECLI_DATA",
    )


def select(view: View, wanted: list[str]) -> View:
    """The view limited to the `wanted` fields, in that order (`ValueError` names unknown ones).

    Table columns follow: a field with a column keeps it, others get a plain column.
    """
    shape = view.shape.only(wanted)
    if isinstance(view, ListView):
        own = {column.key: column for column in view.columns if not column.whole_record}
        return ListView(
            [{name: record[name] for name in wanted} for record in view.records],
            tuple(own.get(name) or _plain_column(shape, name) for name in wanted),
            shape,
            title=view.title,
            empty=view.empty,
        )
    own = {column.key: column for column in view.rows if not column.whole_record}
    sections = {section.key for section in view.sections}
    return DetailView(
        {name: view.record[name] for name in wanted},
        shape,
        tuple(
            own.get(name) or _plain_column(shape, name) for name in wanted if name not in sections
        ),
        tuple(section for section in view.sections if section.key in wanted),
        title=view.title,
    )


def _plain_column(shape: Shape, name: str) -> Column:
    """A column for a field the view has none for, headed as the others are ("Shared count")."""
    header = name.replace("_", " ").capitalize()
    nested = shape.nested(name)
    if nested is None:
        return Column(name, header)
    return Column(name, header, lambda value: ", ".join(nested.text(r) for r in _as_list(value)))


def _as_list(value: Any) -> list[Record]:
    return [] if value is None else value if isinstance(value, list) else [value]


def _names(value: Any) -> str:
    """The names of the brief collaboration records in a cell."""
    return ", ".join(BRIEF.text(record) for record in _as_list(value))


def audit_view(report: Audit) -> ListView:
    """`spacecli data audit`: every finding, a row each (the summary goes to stderr)."""
    return ListView(
        FINDING.records(report.findings),
        (Column("kind", "Finding"), Column("record", "Record"), Column("detail", "Detail")),
        FINDING,
        title=f"Audit of {report.records} records",
        empty="nothing to report",
    )


def _partner_countries(value: Any) -> str:
    return ", ".join(f"{item['code']} ({item['shared']})" for item in value or ())


def countries_view(uses: Sequence[CountryUse]) -> ListView:
    """`spacecli countries`: every country with its organisations and partner countries."""
    return ListView(
        COUNTRY.records(uses),
        (
            Column("code", "Code"),
            Column("name", "Country"),
            Column("organisations", "Organisations"),
            Column("collaborations", "Collabs"),
            Column("partner_countries", "Partner countries", _partner_countries),
        ),
        COUNTRY,
        title="Countries (intergovernmental and coordination bodies count for none)",
        empty="no country matches",
    )


def country_view(use: CountryUse) -> DetailView:
    """`spacecli country NAME`: one country, its organisations, partners and collaborations."""
    return DetailView(
        COUNTRY_DETAIL.record(use),
        COUNTRY_DETAIL,
        (
            Column("code", "Code"),
            Column("name", "Name"),
            Column("organisations", "Organisations"),
            Column("partner_countries", "Partner countries", _partner_countries),
        ),
        sections=(
            Section(
                "Collaborations",
                "collaborations",
                (Column("id", "Id"), Column("name", "Collaboration")),
            ),
        ),
        title=f"{use.country.name} ({use.country.code})",
    )


def country_partners_view(country: Country, links: Sequence[Any]) -> ListView:
    """`spacecli partners COUNTRY --by country`: partner countries, most shared first."""
    return ListView(
        COUNTRY_LINK.records(links),
        (
            Column("code", "Code"),
            Column("name", "Country"),
            Column("shared_count", "Shared"),
            Column("collaborations", "Shared collaborations", _names),
        ),
        COUNTRY_LINK,
        title=f"Partner countries of {country.name}",
        empty=f"{country.name} shares no collaboration that matches",
    )


def _departures(value: Any) -> str:
    return ", ".join(f"{item['abbreviation']} left {item['name']}" for item in value or ())


def history_view(
    first: Organisation, second: Organisation, chapters: Sequence[Chapter]
) -> ListView:
    """`spacecli history A B`: the partnership per period, with bars of how much they shared."""
    top = max((len(chapter.together) for chapter in chapters), default=0)
    return ListView(
        CHAPTER.records(chapters),
        (
            Column("period", "Period"),
            Column("together", "Together"),
            Column("together", "", look="bar", scale=top),
            Column("began", "Began", _names),
            Column("ended", "Ended", _names),
            Column("left", "Left", _departures),
        ),
        CHAPTER,
        title=f"{first.abbreviation} and {second.abbreviation} over time",
        empty=f"{first.abbreviation} and {second.abbreviation} share no collaboration that matches",
    )
