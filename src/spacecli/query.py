"""Pure queries over the model: who partners with whom, which missions, the comparison table."""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any, NamedTuple

from spacecli import countries as countries_table
from spacecli import network
from spacecli.countries import Country
from spacecli.errors import NotFoundError, RenamedIdWarning, SpacecliError
from spacecli.model import (
    GOAL_DESCRIPTIONS,
    CollabKind,
    Collaboration,
    Comparison,
    Dataset,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Section,
    Status,
    normalise,
)
from spacecli.network import Hop, Network
from spacecli.network import chronological as _chronological


class Partnership(NamedTuple):
    """An organisation and the collaborations it shares with the one asked about."""

    partner: Organisation
    shared: tuple[Collaboration, ...]


class Involvement(NamedTuple):
    """One collaboration an organisation takes part in, with its part in it."""

    collaboration: Collaboration
    participant: Participant


class ComparisonRow(NamedTuple):
    """A comparison-table row with the collaborations that back it."""

    row: Comparison
    backing: tuple[Collaboration, ...]


class Member(NamedTuple):
    """A participant resolved to its organisation."""

    organisation: Organisation
    participant: Participant


class Filter(NamedTuple):
    """Which collaborations count: those matching every criterion given (empty or None: any).

    Every goal in `goals` and every organisation in `agencies` must be in a collaboration
    (all of them); a collaboration has one status, so `statuses` keeps any of them. `since`
    and `until` bound the start year, inclusive. `active_in` keeps the collaborations running
    in that year (begun, not ended) and, in each, only the participants taking part that
    year (their own `since` and `until`). One filter serves `missions`, `partners`, `graph`,
    `path`, `matrix` and the export's subset alike.
    """

    goals: tuple[Goal, ...] = ()
    agencies: tuple[Organisation, ...] = ()
    statuses: tuple[Status, ...] = ()
    since: int | None = None
    until: int | None = None
    active_in: int | None = None
    countries: tuple[frozenset[str], ...] = ()  # per country given: its organisations' ids

    def keeps(self, collab: Collaboration) -> bool:
        """Whether `collab` matches every criterion."""
        return (
            all(goal in collab.goals for goal in self.goals)
            and (not self.statuses or collab.status in self.statuses)
            and (self.since is None or collab.start >= self.since)
            and (self.until is None or collab.start <= self.until)
            and (self.active_in is None or running_in(collab, self.active_in))
            and all(self.takes_part(collab, org.id) for org in self.agencies)
            and all(any(self.takes_part(collab, o) for o in ids) for ids in self.countries)
        )

    def takes_part(self, collab: Collaboration, org_id: str) -> bool:
        """Whether `org_id` is a participant of `collab`, in the `active_in` year if one is set."""
        return any(
            p.org == org_id and (self.active_in is None or present_in(p, self.active_in))
            for p in collab.participants
        )

    def in_effect(self, collab: Collaboration) -> Collaboration:
        """`collab` as the filter sees it: with `active_in`, only that year's participants."""
        if self.active_in is None:
            return collab
        year = self.active_in
        return replace(
            collab, participants=tuple(p for p in collab.participants if present_in(p, year))
        )

    def any(self) -> bool:
        """Whether any criterion is set."""
        return any(value not in (None, ()) for value in self)

    def apply(self, data: Dataset) -> list[Collaboration]:
        """The collaborations of `data` this filter keeps, oldest first, as it sees them."""
        pool = data.involving(self.agencies[0].id) if self.agencies else data.collaborations
        return sorted((self.in_effect(c) for c in pool if self.keeps(c)), key=_chronological)


def running_in(collab: Collaboration, year: int) -> bool:
    """Whether `collab` had begun by `year` and not ended before it."""
    return collab.start <= year and (collab.end is None or collab.end >= year)


def present_in(participant: Participant, year: int) -> bool:
    """Whether a participant took part in `year`: joined by then (`since`) and not left
    before it (`until`)."""
    return (participant.since is None or participant.since <= year) and (
        participant.until is None or participant.until >= year
    )


# -- names --------------------------------------------------------------------------------


def resolve_organisation(data: Dataset, name: Organisation | str) -> Organisation:
    """The organisation called `name` (any of its names, any case); `NotFoundError` if none.

    An `Organisation` is returned as it is, so every query takes a name or an object.
    """
    if isinstance(name, Organisation):
        return name
    org = data.find_organisation(name)
    if org is None and (successor := _successor(data, Section.ORGANISATIONS, name)):
        org = data.organisation(successor)
    if org is None:
        place = countries_table.find(name) if len(name) > 2 else None
        if place is not None and place.code != place.name:
            based = ", ".join(o.abbreviation for o in organisations_of(data, place))
            raise NotFoundError(
                f"{name!r} is a country, not an organisation: "
                + (f"its organisations are {based}; " if based else "")
                + f"'spacecli country {place.name}' shows the country"
            )
        raise NotFoundError(
            f"unknown organisation {name!r}"
            + _suggest(
                name,
                ((o.abbreviation, o.names) for o in data.organisations),
                "spacecli agencies",
            )
        )
    return org


def resolve_collaboration(data: Dataset, name: Collaboration | str) -> Collaboration:
    """The collaboration called `name` (id, name or alias, any case); `NotFoundError` if none.

    A `Collaboration` is returned as it is, so every query takes a name or an object.
    """
    if isinstance(name, Collaboration):
        return name
    collab = data.find_collaboration(name)
    if collab is None and (successor := _successor(data, Section.COLLABORATIONS, name)):
        collab = data.collaboration(successor)
    if collab is None:
        raise NotFoundError(
            f"unknown mission or collaboration {name!r}"
            + _suggest(
                name,
                ((c.name, c.names) for c in data.collaborations),
                "spacecli missions",
            )
        )
    return collab


def _successor(data: Dataset, section: Section, name: str) -> str | None:
    """The id of the record that took over from the withdrawn record whose id is `name`,
    with a `RenamedIdWarning`; `NotFoundError` saying why if it was withdrawn with no
    successor; None when `name` is no withdrawn id."""
    entry = data.withdrawal(section, name)
    if entry is None:
        return None
    if entry.replaced_by is None:
        raise NotFoundError(
            f"{entry.id!r} was withdrawn from the data in {entry.month}: {entry.reason}"
        )
    warnings.warn(
        f"{entry.id!r} was merged into {entry.replaced_by!r} in {entry.month}: {entry.reason}",
        RenamedIdWarning,
        stacklevel=3,
    )
    return entry.replaced_by


def _suggest(name: str, candidates: Iterable[tuple[str, tuple[str, ...]]], listing: str) -> str:
    import difflib  # only on the error path

    display: dict[str, str] = {}
    for label, names in candidates:
        for other in names:
            display.setdefault(normalise(other), label)
    wanted = normalise(name)
    close = difflib.get_close_matches(wanted, list(display), n=6, cutoff=0.6) if wanted else []
    labels = list(dict.fromkeys(display[key] for key in close))[:3]
    return f" (did you mean {' or '.join(labels)}?)" if labels else f" (see {listing!r})"


# -- organisations ------------------------------------------------------------------------


def agencies(
    data: Dataset, *, country: str | None = None, kind: OrgKind | None = None
) -> list[Organisation]:
    """Organisations, optionally only those based in a country (a code or a name: `JP`,
    `JPN`, `Japan`) or of a kind, by abbreviation."""
    wanted_country = resolve_country(country).code if country else None
    found = [
        org
        for org in data.organisations
        if (wanted_country is None or wanted_country in org.countries)
        and (kind is None or org.kind == kind)
    ]
    return sorted(found, key=lambda org: org.abbreviation.casefold())


class Lineage(NamedTuple):
    """Where an organisation comes from and belongs: what became it, what it became, its
    parent body and the bodies that belong to it."""

    parent: Organisation | None
    parts: tuple[Organisation, ...]
    predecessors: tuple[tuple[Organisation, int | None], ...]
    successors: tuple[tuple[Organisation, int | None], ...]


def lineage(data: Dataset, org: Organisation | str) -> Lineage:
    """The organisation's parent, parts, predecessors and successors (with the years)."""
    org = resolve_organisation(data, org)
    return Lineage(
        parent=None if org.parent is None else data.organisation(org.parent),
        parts=tuple(o for o in data.organisations if o.parent == org.id),
        predecessors=tuple((data.organisation(p.org), p.year) for p in org.predecessors),
        successors=tuple(
            (other, p.year)
            for other in data.organisations
            for p in other.predecessors
            if p.org == org.id
        ),
    )


def with_predecessors(data: Dataset, org: Organisation) -> tuple[Organisation, ...]:
    """The organisation and every organisation that became it, however far back."""
    found = [org]
    for each in found:
        found += [
            data.organisation(p.org)
            for p in each.predecessors
            if data.organisation(p.org) not in found
        ]
    return tuple(found)


def involvements(
    data: Dataset, org: Organisation | str, *, active_in: int | None = None
) -> list[Involvement]:
    """The collaborations `org` (an object or a name) takes part in, oldest first; with
    `active_in`, those running in that year in which it took part that year."""
    org = resolve_organisation(data, org)
    found = [
        Involvement(collab, participant)
        for collab in data.involving(org.id)
        for participant in collab.participants
        if participant.org == org.id
        and (
            active_in is None
            or (running_in(collab, active_in) and present_in(participant, active_in))
        )
    ]
    return sorted(found, key=lambda item: _chronological(item.collaboration))


def partners(
    data: Dataset,
    org: Organisation | str,
    *,
    goal: Goal | str | None = None,
    status: Status | str | None = None,
    where: Filter | None = None,
    lineage: bool = False,
) -> list[Partnership]:
    """Every organisation sharing at least one collaboration with `org`, most shared first.

    `org` is an organisation or any of its names. `goal` and `status` (or a whole `where`
    filter) restrict which collaborations count. With `lineage`, the collaborations of the
    organisations that became it count too (JAXA with NASDA, ISAS and NAL).
    """
    org = resolve_organisation(data, org)
    where = where or Filter(goals=_goals(goal), statuses=_statuses(status))
    selves = with_predecessors(data, org) if lineage else (org,)
    own = {each.id for each in selves}
    collabs = dict.fromkeys(
        where.in_effect(c)
        for each in selves
        for c in data.involving(each.id)
        if where.keeps(c) and where.takes_part(c, each.id)
    )
    shared: dict[str, list[Collaboration]] = defaultdict(list)
    for collab in collabs:
        for other in dict.fromkeys(collab.org_ids):
            if other not in own:
                shared[other].append(collab)
    links = [
        Partnership(data.organisation(other), tuple(sorted(collabs, key=_chronological)))
        for other, collabs in shared.items()
    ]
    return sorted(links, key=lambda link: (-len(link.shared), link.partner.abbreviation.casefold()))


def former_partners(
    data: Dataset,
    org: Organisation | str,
    year: int,
    *,
    where: Filter | None = None,
    lineage: bool = False,
) -> list[Partnership]:
    """The organisations `org` worked with in `year` and in no later year: in at least one
    shared collaboration both took part in `year`, and in none did both take part after it
    (each participant's `since` and `until`, each collaboration's start and end). Each comes
    with the collaborations they shared in `year`, most shared first.
    """
    org = resolve_organisation(data, org)
    where = where or Filter()
    selves = with_predecessors(data, org) if lineage else (org,)
    own = {each.id for each in selves}
    last = partners(data, org, where=where._replace(active_in=year), lineage=lineage)
    gone = []
    for link in last:
        later = [
            window
            for collab in data.involving(link.partner.id)
            if where.keeps(collab)
            and (window := _together(collab, own, link.partner.id)) is not None
            and window[1] > year
        ]
        if not later:
            gone.append(link)
    return gone


#: A year after any the data can hold: the end of a collaboration or a stay not yet over.
_OPEN = 10_000


def _together(collab: Collaboration, own: set[str], other: str) -> tuple[int, int] | None:
    """The first and last year in which one of `own` and `other` both took part in `collab`
    (the widest such span), or None if they never overlapped."""
    spans = []
    for mine in (p for p in collab.participants if p.org in own):
        for theirs in (p for p in collab.participants if p.org == other):
            first = max(collab.start, mine.since or collab.start, theirs.since or collab.start)
            end = min(collab.end or _OPEN, mine.until or _OPEN, theirs.until or _OPEN)
            if first <= end:
                spans.append((first, end))
    return max(spans, key=lambda span: span[1]) if spans else None


def shared_collaborations(
    data: Dataset,
    first: Organisation | str,
    second: Organisation | str,
    *,
    goal: Goal | str | None = None,
    status: Status | str | None = None,
    where: Filter | None = None,
) -> list[Collaboration]:
    """The collaborations both organisations (objects or names) take part in, oldest first."""
    first, second = resolve_organisation(data, first), resolve_organisation(data, second)
    where = where or Filter(goals=_goals(goal), statuses=_statuses(status))
    return sorted(
        (
            c
            for c in data.involving(first.id)
            if where.keeps(c) and where.takes_part(c, first.id) and where.takes_part(c, second.id)
        ),
        key=_chronological,
    )


# -- collaborations -----------------------------------------------------------------------


def missions(
    data: Dataset,
    *,
    goal: Goal | str | Iterable[Goal | str] | None = None,
    agency: Organisation | str | Iterable[Organisation | str] | None = None,
    status: Status | str | Iterable[Status | str] | None = None,
    since: int | None = None,
    until: int | None = None,
) -> list[Collaboration]:
    """Collaborations matching every filter given, oldest first.

    `goal` and `agency` take one value or several (then all must be in a collaboration:
    `agency=["CNSA", "ESA"]` is what the two share); `status` one or several (any of them).
    `since` and `until` bound the start year (inclusive). Organisations are objects or names.
    """
    agencies = tuple(resolve_organisation(data, org) for org in _several(agency))
    return Filter(_goals(goal), agencies, _statuses(status), since, until).apply(data)


def _several(value: Any) -> tuple[Any, ...]:
    """One value, several, or none, as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str | Organisation) or not isinstance(value, Iterable):
        return (value,)
    return tuple(value)


def _goals(goal: Any) -> tuple[Goal, ...]:
    return tuple(Goal(g) for g in _several(goal))


def _statuses(status: Any) -> tuple[Status, ...]:
    return tuple(Status(s) for s in _several(status))


def members(data: Dataset, collab: Collaboration | str) -> list[Member]:
    """The participants of a collaboration (object or name) with their organisations."""
    collab = resolve_collaboration(data, collab)
    return [Member(data.organisation(p.org), p) for p in collab.participants]


def comparison_table(data: Dataset) -> list[ComparisonRow]:
    """The comparison table, in the data's order, each row with its backing collaborations."""
    return [
        ComparisonRow(row, tuple(data.collaboration(cid) for cid in row.collaborations))
        for row in data.comparisons
    ]


class Stats(NamedTuple):
    """Counts that describe the dataset as a whole."""

    organisations: int
    collaborations: int
    comparison_rows: int
    participations: int
    first_year: int | None
    last_year: int | None
    countries: tuple[str, ...]
    countries_with_member_states: tuple[str, ...]
    by_goal: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    by_organisation_kind: tuple[tuple[str, int], ...]
    by_region: tuple[tuple[str, int], ...]
    by_decade: tuple[tuple[str, int], ...]


def stats(data: Dataset) -> Stats:
    """Counts of records, participations, goals and the countries that take part.

    `countries` are where the organisations taking part in at least one collaboration are
    based, intergovernmental bodies aside; `countries_with_member_states` adds the states
    those bodies represent (their `members`). `by_region` counts, for each region of
    `countries.REGIONS`, the collaborations in which an organisation of the region works
    with a partner from outside it; `by_decade`, the collaborations begun in each decade.
    """
    taking_part = {p.org for collab in data.collaborations for p in collab.participants}
    direct: set[str] = set()
    members: set[str] = set()
    for org_id in taking_part:
        org = data.organisation(org_id)
        if org.kind is OrgKind.INTERGOVERNMENTAL:  # where it sits is not who takes part
            members.update(member.country for member in org.members)
        else:
            direct.update(org.countries)
    years = [c.start for c in data.collaborations]
    return Stats(
        organisations=len(data.organisations),
        collaborations=len(data.collaborations),
        comparison_rows=len(data.comparisons),
        participations=sum(len(c.participants) for c in data.collaborations),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        countries=tuple(sorted(direct)),
        countries_with_member_states=tuple(sorted(direct | members)),
        by_goal=_counts([g.value for c in data.collaborations for g in c.goals], Goal),
        by_status=_counts([c.status.value for c in data.collaborations], Status),
        by_kind=_counts([c.kind.value for c in data.collaborations], CollabKind),
        by_region=tuple(
            (region, sum(1 for c in data.collaborations if _across(data, c, codes)))
            for region, codes in countries_table.REGIONS.items()
        ),
        by_decade=tuple(
            (period.label, len(period.collaborations))
            for period in timeline(data.collaborations, decades=True)
        ),
        by_organisation_kind=_counts([o.kind.value for o in data.organisations], OrgKind),
    )


def _across(data: Dataset, collab: Collaboration, region: frozenset[str]) -> bool:
    """Whether an organisation of `region` takes part in `collab` with one from outside it
    (an intergovernmental or coordination body is from outside every region)."""
    inside = outside = False
    for org_id in dict.fromkeys(collab.org_ids):
        codes = set(country_codes(data.organisation(org_id)))
        inside = inside or bool(codes & region)
        outside = outside or not codes or not codes <= region
    return inside and outside


def _counts(values: list[str], vocabulary: type[StrEnum]) -> tuple[tuple[str, int], ...]:
    """How often each vocabulary word occurs, in the vocabulary's order, zeros included."""
    tally = Counter(values)
    return tuple((member.value, tally[member.value]) for member in vocabulary)


# -- the network --------------------------------------------------------------------------


def path(
    data: Dataset,
    start: Organisation | str,
    end: Organisation | str,
    *,
    max_hops: int | None = None,
    goal: Goal | str | None = None,
    exclude: Iterable[CollabKind] = (),
    where: Filter | None = None,
) -> list[Hop] | None:
    """The shortest chain of shared collaborations from `start` to `end`; None if none exists.

    Only chains of at most `max_hops` steps, through collaborations with `goal` and of no
    kind in `exclude`, count. Organisations are objects or names.
    """
    start, end = resolve_organisation(data, start), resolve_organisation(data, end)
    if start.id == end.id:
        same = f"{start.abbreviation} and {end.abbreviation} are the same organisation"
        raise SpacecliError(same)
    collabs = _without((where or Filter(goals=_goals(goal))).apply(data), exclude)
    return network.shortest_path(data, start, end, collabs, max_hops)


def graph(
    data: Dataset,
    where: Filter = Filter(),  # noqa: B008 (an immutable NamedTuple)
    *,
    exclude: Iterable[CollabKind] = (),
    min_shared: int = 1,
) -> Network:
    """The network of the collaborations `where` keeps, less those of a kind in `exclude`.

    Edges join organisations sharing at least `min_shared` of those collaborations.
    """
    return network.build(data, _without(where.apply(data), exclude), min_shared)


def _without(collabs: list[Collaboration], kinds: Iterable[CollabKind]) -> list[Collaboration]:
    excluded = set(kinds)
    return [collab for collab in collabs if collab.kind not in excluded]


class Matrix(NamedTuple):
    """Shared-collaboration counts between organisations, in the order of `organisations`."""

    organisations: tuple[Organisation, ...]
    counts: tuple[tuple[int | None, ...], ...]


def most_connected(
    data: Dataset, count: int, *, goal: Goal | str | None = None, where: Filter | None = None
) -> list[Organisation]:
    """The `count` organisations taking part in the most collaborations (ties by abbreviation)."""
    chosen = (where or Filter(goals=_goals(goal))).apply(data)
    tally = Counter(org_id for c in chosen for org_id in set(c.org_ids))

    def rank(org_id: str) -> tuple[int, str]:
        return (-tally[org_id], data.organisation(org_id).abbreviation.casefold())

    ranked = sorted(tally, key=rank)
    return [data.organisation(org_id) for org_id in ranked[:count]]


def matrix(
    data: Dataset,
    orgs: Iterable[Organisation | str],
    *,
    goal: Goal | str | None = None,
    where: Filter | None = None,
) -> Matrix:
    """How many collaborations (with `goal`) each pair of `orgs` (objects or names) shares;
    None on the diagonal."""
    chosen = tuple(
        dict.fromkeys(resolve_organisation(data, org) for org in orgs)
    )  # each organisation once, first mention wins
    counts = network.matrix(chosen, (where or Filter(goals=_goals(goal))).apply(data))
    return Matrix(chosen, tuple(tuple(row) for row in counts))


class Period(NamedTuple):
    """A year or a decade and the collaborations that began in it, oldest first."""

    label: str
    first_year: int
    last_year: int
    collaborations: tuple[Collaboration, ...]


def timeline(collabs: Sequence[Collaboration], *, decades: bool) -> list[Period]:
    """The collaborations by the year (or decade) they began, empty periods between included."""
    if not collabs:
        return []
    width = 10 if decades else 1
    by_period: dict[int, list[Collaboration]] = defaultdict(list)
    for collab in collabs:
        by_period[collab.start - collab.start % width].append(collab)
    periods = []
    for first in range(min(by_period), max(by_period) + 1, width):
        label = f"{first}s" if decades else str(first)
        found = tuple(sorted(by_period.get(first, ()), key=_chronological))
        periods.append(Period(label, first, first + width - 1, found))
    return periods


class Chapter(NamedTuple):
    """A year or decade of two organisations' partnership: how many collaborations they were
    in together, which they began, which ended, and which one of them left (and who)."""

    label: str
    first_year: int
    last_year: int
    together: tuple[Collaboration, ...]
    began: tuple[Collaboration, ...]
    ended: tuple[Collaboration, ...]
    left: tuple[tuple[Collaboration, Organisation], ...]


def history(
    data: Dataset,
    first: Organisation | str,
    second: Organisation | str,
    *,
    decades: bool = True,
    where: Filter | None = None,
) -> list[Chapter]:
    """The partnership of two organisations over time, per decade (or year), from the first
    year they worked together to the last year the data mentions for them; empty periods in
    between included. A collaboration counts from the year both took part in it to the year
    it ended or one of them left (its own `since` and `until`)."""
    one, two = resolve_organisation(data, first), resolve_organisation(data, second)
    where = where or Filter()
    spans = []
    for collab in data.involving(one.id):
        window = _together(collab, {one.id}, two.id) if where.keeps(collab) else None
        if window is not None:
            spans.append((collab, window))
    if not spans:
        return []
    width = 10 if decades else 1
    closed = [end for _, (_, end) in spans if end != _OPEN]
    last = max([start for _, (start, _) in spans] + closed)
    chapters = []
    begin = min(start for _, (start, _) in spans)
    for lo in range(begin - begin % width, last + 1, width):
        hi = lo + width - 1
        ordered = sorted(spans, key=lambda item: _chronological(item[0]))
        left = []
        for collab, (_, end) in ordered:
            if lo <= end <= hi and (collab.end is None or end < collab.end):
                for member in (one, two):
                    if any(p.org == member.id and p.until == end for p in collab.participants):
                        left.append((collab, member))
        chapters.append(
            Chapter(
                f"{lo}s" if decades else str(lo),
                lo,
                hi,
                tuple(c for c, (start, end) in ordered if start <= hi and end >= lo),
                tuple(c for c, (start, _) in ordered if lo <= start <= hi),
                tuple(c for c, (_, end) in ordered if lo <= end <= hi and c.end == end),
                tuple(left),
            )
        )
    return chapters


class GoalCount(NamedTuple):
    """A goal, what it covers, and how many collaborations and organisations pursue it."""

    goal: Goal
    description: str
    collaborations: int
    organisations: int


def goals(data: Dataset) -> list[GoalCount]:
    """Every goal of the vocabulary with its counts, most collaborations first."""
    found = []
    for goal in Goal:
        collabs = [c for c in data.collaborations if goal in c.goals]
        orgs = {org_id for c in collabs for org_id in c.org_ids}
        found.append(GoalCount(goal, GOAL_DESCRIPTIONS[goal], len(collabs), len(orgs)))
    return sorted(found, key=lambda item: (-item.collaborations, item.goal.value))


# -- countries ----------------------------------------------------------------------------

#: Kinds that stand for themselves: an intergovernmental body's seat or a forum's host is not
#: a party to what it does, so neither is folded into a country (ESA is not France).
NOT_A_COUNTRY = (OrgKind.INTERGOVERNMENTAL, OrgKind.COORDINATION)


def country_codes(org: Organisation, *, members: bool = False) -> tuple[str, ...]:
    """The countries an organisation counts for: where it is based, unless it stands for
    itself (intergovernmental bodies, coordination bodies). With `members`, an
    intergovernmental body counts for its member states of today (those that have not left)."""
    if members and org.kind is OrgKind.INTERGOVERNMENTAL and org.members:
        return tuple(m.country for m in org.members if m.until is None)
    return () if org.kind in NOT_A_COUNTRY else org.countries


def resolve_country(name: Country | str) -> Country:
    """The country `name` gives (a code or a name, any case); `NotFoundError` if none."""
    if isinstance(name, Country):
        return name
    found = countries_table.find(name)
    if found is None:
        raise NotFoundError(f"unknown country {name!r}: give {countries_table.ACCEPTED}")
    return found


def organisations_of(data: Dataset, country: Country | str) -> list[Organisation]:
    """The organisations that count for `country` (see `country_codes`), by abbreviation."""
    code = resolve_country(country).code
    found = [org for org in data.organisations if code in country_codes(org)]
    return sorted(found, key=lambda org: org.abbreviation.casefold())


class CountryUse(NamedTuple):
    """A country: its organisations, the collaborations they take part in, and the other
    countries it shares collaborations with (most first)."""

    country: Country
    organisations: tuple[Organisation, ...]
    collaborations: tuple[Collaboration, ...]
    partners: tuple[tuple[Country, int], ...]


def countries(data: Dataset, where: Filter | None = None) -> list[CountryUse]:
    """Every country with an organisation that counts for it, most collaborations first."""
    collabs: dict[str, list[Collaboration]] = defaultdict(list)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for collab in (where or Filter()).apply(data):
        codes = _country_sets(data, collab)
        for code in codes:
            collabs[code].append(collab)
            shared[code].update(codes - {code})
    used = sorted({code for org in data.organisations for code in country_codes(org)})
    found = [
        CountryUse(
            countries_table.of_code(code),
            tuple(organisations_of(data, code)),
            tuple(collabs[code]),
            tuple(
                (countries_table.of_code(other), count)
                for other, count in sorted(shared[code].items(), key=lambda kv: (-kv[1], kv[0]))
            ),
        )
        for code in used
    ]
    return sorted(found, key=lambda use: (-len(use.collaborations), use.country.name))


def country(data: Dataset, name: Country | str, where: Filter | None = None) -> CountryUse:
    """One country's organisations, collaborations and partner countries; `NotFoundError`
    for a name that is no country, or a country with no organisation in the data."""
    wanted = resolve_country(name)
    for use in countries(data, where):
        if use.country.code == wanted.code:
            return use
    raise NotFoundError(f"no organisation in the data counts for {wanted.name} ({wanted.code})")


def _country_sets(data: Dataset, collab: Collaboration, *, members: bool = False) -> set[str]:
    """The countries whose organisations take part in `collab` (see `country_codes`)."""
    return {
        code
        for org_id in collab.org_ids
        for code in country_codes(data.organisation(org_id), members=members)
    }


def by_country(data: Dataset, *, members: bool = False) -> Dataset:
    """`data` seen by country: every organisation that counts for countries (see
    `country_codes`) is replaced, in every collaboration, by those countries, each an
    organisation of kind `government` named by its code (`US`) and answering to its names
    (`USA`, `United States`). Intergovernmental and coordination bodies stay themselves, so
    no country's count grows from a body's seat or membership, unless `members` asks for
    each intergovernmental body to count for its member states."""
    used = sorted(
        {code for org in data.organisations for code in country_codes(org, members=members)}
    )
    states: dict[str, Organisation] = {}
    for code in used:
        place = countries_table.of_code(code)
        states[code] = Organisation(
            id=f"country-{code.lower()}",
            abbreviation=code,
            name=place.name,
            kind=OrgKind.GOVERNMENT,
            countries=(code,),
            aliases=tuple(dict.fromkeys(n for n in place.names if n not in (code, place.name))),
            sources=(),
        )

    def folded(collab: Collaboration) -> Collaboration:
        found: dict[str, Participant] = {}
        for p in collab.participants:
            codes = country_codes(data.organisation(p.org), members=members)
            for org_id in [states[code].id for code in codes] or [p.org]:
                found.setdefault(org_id, replace(p, org=org_id))
        return replace(collab, participants=tuple(found.values()))

    kept = tuple(org for org in data.organisations if not country_codes(org, members=members))
    return Dataset(
        (*kept, *states.values()),
        tuple(folded(collab) for collab in data.collaborations),
        data.comparisons,
    )


def partner_countries(
    data: Dataset, country: Country | str, where: Filter | None = None, *, members: bool = False
) -> list[tuple[Country, tuple[Collaboration, ...]]]:
    """The countries sharing collaborations with `country`, each with them, most first."""
    code = resolve_country(country).code
    where = where or Filter()
    shared: dict[str, list[Collaboration]] = defaultdict(list)
    for collab in where.apply(data):
        codes = _country_sets(data, collab, members=members)
        if code in codes:
            for other in sorted(codes - {code}):
                shared[other].append(collab)
    found = [(countries_table.of_code(other), tuple(c)) for other, c in shared.items()]
    return sorted(found, key=lambda item: (-len(item[1]), item[0].code))


def between_countries(
    data: Dataset,
    first: Country | str,
    second: Country | str,
    where: Filter | None = None,
    *,
    members: bool = False,
) -> list[Collaboration]:
    """The collaborations with participants from both countries, oldest first."""
    codes = {resolve_country(first).code, resolve_country(second).code}
    return [
        c
        for c in (where or Filter()).apply(data)
        if codes <= _country_sets(data, c, members=members)
    ]


# -- search -------------------------------------------------------------------------------


SEARCH_MAX_WORDS = 12  # search text beyond this is refused: the work grows with every word
SEARCH_MAX_LENGTH = 200


class Hit(NamedTuple):
    """A record found by `search`, how well it matched (0-100) and on what."""

    record: Organisation | Collaboration
    score: int
    matched: str


def search(data: Dataset, text: str, *, limit: int | None = None) -> list[Hit]:
    """Organisations and collaborations matching `text`, best first.

    Names and aliases are matched whole, by prefix, by substring, and word by word with
    small typos allowed ("bepi colombo", "rosalind franklen"); summaries and notes match
    when they contain every word. Ties go to organisations, then by name.
    """
    wanted = normalise(text)
    words = _words(text)
    if not wanted:
        raise SpacecliError("nothing to search for: give a word or a name")
    if len(words) > SEARCH_MAX_WORDS or len(text) > SEARCH_MAX_LENGTH:
        raise SpacecliError(
            f"search text too long: at most {SEARCH_MAX_WORDS} words and "
            f"{SEARCH_MAX_LENGTH} characters"
        )
    hits: list[Hit] = []
    records: list[Organisation | Collaboration] = [*data.organisations, *data.collaborations]
    for record in records:
        texts = (
            (record.summary, record.note) if isinstance(record, Collaboration) else (record.note,)
        )
        # The id goes last, so that a tie shows the name people know.
        found = _best_match(wanted, words, (*record.names[1:], record.id), texts)
        if found is not None:
            hits.append(Hit(record, *found))
    hits.sort(
        key=lambda hit: (
            -hit.score,
            isinstance(hit.record, Collaboration),
            _label(hit.record).casefold(),
        )
    )
    return hits if limit is None else hits[:limit]


def _label(record: Organisation | Collaboration) -> str:
    return record.abbreviation if isinstance(record, Organisation) else record.name


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in text.casefold()).split()


def _best_match(
    wanted: str, words: list[str], names: tuple[str, ...], texts: Iterable[str | None]
) -> tuple[int, str] | None:
    """The best (score, matched name) of a record, or None when nothing matches."""
    best: tuple[int, str] | None = None
    for name in names:
        score = _name_score(wanted, words, name)
        if score and (best is None or score > best[0]):
            best = (score, name)
    if best is None:
        for text in texts:
            if text and all(word in text.casefold() for word in words):
                return (40, "summary")
    return best


def _name_score(wanted: str, words: list[str], name: str) -> int:
    key = normalise(name)
    if key == wanted:
        return 100
    if key.startswith(wanted):
        return 90
    name_words = _words(name)
    if all(any(other.startswith(word) for other in name_words) for word in words):
        return 80  # every word begins a word of the name: "webb", "sample return"
    if len(wanted) >= 5 and wanted in key:
        return 70  # inside a word: "colombo" in BepiColombo
    return _fuzzy_score(wanted, words, key, name_words)


def _fuzzy_score(wanted: str, words: list[str], key: str, name_words: list[str]) -> int:
    """Up to 65 for a near miss: the whole name, or every word close to a word of the name."""
    from difflib import SequenceMatcher  # only when nothing matched exactly

    def close(a: str, b: str) -> float:
        """Their similarity, when it may reach 0.8; else 0 (the cheap bounds rule it out)."""
        matcher = SequenceMatcher(None, a, b)
        if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
            return 0.0
        return matcher.ratio()

    def ratio(word: str, other: str) -> float:
        return 1.0 if len(word) >= 3 and other.startswith(word) else close(word, other)

    whole = close(wanted, key) if len(wanted) >= 4 else 0.0
    closest: list[float] = []
    for word in words:
        best = max((ratio(word, other) for other in name_words), default=0.0)
        if best < 0.8:  # one word with no close match: no match by words
            closest = []
            break
        closest.append(best)
    by_words = sum(closest) / len(closest) if closest else 0.0
    return round(65 * max(whole if whole >= 0.8 else 0.0, by_words))


# -- the data's own health ---------------------------------------------------------------

#: A status not confirmed for longer than this many months is reported by `audit`.
STALE_MONTHS = 12


class Finding(NamedTuple):
    """One thing `audit` found: its kind, the record and what is the matter."""

    kind: str
    record: str
    detail: str


class Audit(NamedTuple):
    """How trustworthy the data in effect is: sources by class, and every finding."""

    records: int
    by_class: tuple[tuple[str, int], ...]  # records citing at least one source of each class
    findings: tuple[Finding, ...]


def audit(data: Dataset, today: tuple[int, int]) -> Audit:
    """Check every record for what `spacecli data audit` reports, as of (year, month) `today`.

    Findings: a record with no primary or reference source; a source on no listed domain;
    a planned or active collaboration whose status was confirmed more than STALE_MONTHS
    months ago (or never); a planned launch whose year has passed; a completed or failed
    collaboration with no end year; two collaborations with the same participants begun the
    same year.
    """
    from spacecli.sources import SourceClass, classify

    findings: list[Finding] = []
    counts: Counter[str] = Counter()
    records: list[Organisation | Collaboration] = [*data.organisations, *data.collaborations]
    for record in records:
        classes = {classify(url) for url in record.sources}
        counts.update(str(c) for c in classes if c is not None)
        if not classes & {SourceClass.PRIMARY, SourceClass.REFERENCE}:
            findings.append(
                Finding("no-primary-source", record.id, "only news or unlisted sources")
            )
        for url in record.sources:
            if classify(url) is None:
                findings.append(Finding("unlisted-source", record.id, url))
    now = today[0] * 12 + today[1]
    for collab in data.collaborations:
        if collab.status in (Status.PLANNED, Status.ACTIVE):
            if collab.checked is None:
                findings.append(Finding("unconfirmed-status", collab.id, "no 'checked' month"))
            else:
                year, month = (int(part) for part in collab.checked.split("-"))
                if now - (year * 12 + month) > STALE_MONTHS:
                    detail = f"{collab.status.value}, last confirmed {collab.checked}"
                    findings.append(Finding("stale-status", collab.id, detail))
        if (
            collab.status is Status.PLANNED
            and collab.launch is not None
            and collab.launch < today[0]
        ):
            detail = f"planned launch in {collab.launch}, a year that has passed"
            findings.append(Finding("launch-passed", collab.id, detail))
        if collab.status in (Status.COMPLETED, Status.FAILED) and collab.end is None:
            findings.append(Finding("no-end-year", collab.id, f"{collab.status.value} with no end"))
    seen: dict[tuple[frozenset[str], int], str] = {}
    for collab in data.collaborations:
        same = (frozenset(collab.org_ids), collab.start)
        first = seen.get(same)
        linked = first is not None and (
            first in collab.related or collab.id in data.collaboration(first).related
        )
        if first is not None and not linked and collab.kind is not CollabKind.FLIGHT:
            findings.append(
                Finding("overlap", collab.id, f"same participants and start year as {seen[same]}")
            )
        seen.setdefault(same, collab.id)
    order = tuple((str(c), counts[str(c)]) for c in SourceClass)
    return Audit(len(records), order, tuple(findings))
