"""Pure queries over the model: who partners with whom, which missions, the comparison table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from spacecli.errors import NotFoundError
from spacecli.model import (
    CollabKind,
    Collaboration,
    Comparison,
    Dataset,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Status,
    normalise,
)


@dataclass(frozen=True, slots=True)
class Partnership:
    """An organisation and the collaborations it shares with the one asked about."""

    partner: Organisation
    shared: tuple[Collaboration, ...]


@dataclass(frozen=True, slots=True)
class Involvement:
    """One collaboration an organisation takes part in, with its part in it."""

    collaboration: Collaboration
    participant: Participant


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """A comparison-table row with the collaborations that back it."""

    row: Comparison
    backing: tuple[Collaboration, ...]


@dataclass(frozen=True, slots=True)
class Member:
    """A participant resolved to its organisation."""

    organisation: Organisation
    participant: Participant


# -- names --------------------------------------------------------------------------------


def resolve_organisation(data: Dataset, name: str) -> Organisation:
    """The organisation called `name` (any of its names, any case); `NotFoundError` if none."""
    org = data.find_organisation(name)
    if org is None:
        raise NotFoundError(
            f"unknown organisation {name!r}"
            + _suggest(
                name,
                ((o.abbreviation, o.names) for o in data.organisations),
                "spacecli agencies",
            )
        )
    return org


def resolve_collaboration(data: Dataset, name: str) -> Collaboration:
    """The collaboration called `name` (id, name or alias, any case); `NotFoundError` if none."""
    collab = data.find_collaboration(name)
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
    """Organisations, optionally only those of a country (ISO code) or a kind, by abbreviation."""
    wanted_country = country.upper() if country else None
    found = [
        org
        for org in data.organisations
        if (wanted_country is None or wanted_country in org.countries)
        and (kind is None or org.kind == kind)
    ]
    return sorted(found, key=lambda org: org.abbreviation.casefold())


def involvements(data: Dataset, org: Organisation) -> list[Involvement]:
    """The collaborations `org` takes part in, oldest first."""
    found = [
        Involvement(collab, participant)
        for collab in data.collaborations
        for participant in collab.participants
        if participant.org == org.id
    ]
    return sorted(found, key=lambda item: _chronological(item.collaboration))


def partners(
    data: Dataset,
    org: Organisation,
    *,
    goal: Goal | None = None,
    status: Status | None = None,
) -> list[Partnership]:
    """Every organisation sharing at least one collaboration with `org`, most shared first.

    `goal` and `status` restrict which collaborations count.
    """
    shared: dict[str, list[Collaboration]] = defaultdict(list)
    for collab in _matching(data.collaborations, goal=goal, status=status):
        ids = collab.org_ids
        if org.id not in ids:
            continue
        for other in ids:
            if other != org.id:
                shared[other].append(collab)
    links = [
        Partnership(data.organisation(other), tuple(sorted(collabs, key=_chronological)))
        for other, collabs in shared.items()
    ]
    return sorted(links, key=lambda link: (-len(link.shared), link.partner.abbreviation.casefold()))


def shared_collaborations(
    data: Dataset,
    first: Organisation,
    second: Organisation,
    *,
    goal: Goal | None = None,
    status: Status | None = None,
) -> list[Collaboration]:
    """The collaborations both organisations take part in, oldest first."""
    return sorted(
        (
            collab
            for collab in _matching(data.collaborations, goal=goal, status=status)
            if first.id in collab.org_ids and second.id in collab.org_ids
        ),
        key=_chronological,
    )


# -- collaborations -----------------------------------------------------------------------


def missions(
    data: Dataset,
    *,
    goal: Goal | None = None,
    agency: Organisation | None = None,
    status: Status | None = None,
    since: int | None = None,
    until: int | None = None,
) -> list[Collaboration]:
    """Collaborations matching every filter given, oldest first.

    `since` and `until` bound the start year (inclusive): `since=2010` keeps those that began
    in 2010 or later.
    """
    found = [
        collab
        for collab in _matching(data.collaborations, goal=goal, status=status)
        if (agency is None or agency.id in collab.org_ids)
        and (since is None or collab.start >= since)
        and (until is None or collab.start <= until)
    ]
    return sorted(found, key=_chronological)


def members(data: Dataset, collab: Collaboration) -> list[Member]:
    """The participants of a collaboration with their organisations, in the data's order."""
    return [Member(data.organisation(p.org), p) for p in collab.participants]


def comparison_table(data: Dataset) -> list[ComparisonRow]:
    """The comparison table, in the data's order, each row with its backing collaborations."""
    return [
        ComparisonRow(row, tuple(data.collaboration(cid) for cid in row.collaborations))
        for row in data.comparisons
    ]


@dataclass(frozen=True, slots=True)
class Stats:
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


def stats(data: Dataset) -> Stats:
    """Counts of records, participations, goals and the countries that take part.

    `countries` are those of the organisations taking part in at least one collaboration,
    intergovernmental bodies aside; `countries_with_member_states` adds those bodies' members.
    """
    taking_part = {p.org for collab in data.collaborations for p in collab.participants}
    direct: set[str] = set()
    members: set[str] = set()
    for org_id in taking_part:
        org = data.organisation(org_id)
        target = members if org.kind is OrgKind.INTERGOVERNMENTAL else direct
        target.update(org.countries)
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
        by_organisation_kind=_counts([o.kind.value for o in data.organisations], OrgKind),
    )


def _counts(values: list[str], vocabulary: type[StrEnum]) -> tuple[tuple[str, int], ...]:
    """How often each vocabulary word occurs, in the vocabulary's order, zeros included."""
    tally = Counter(values)
    return tuple((member.value, tally[member.value]) for member in vocabulary)


def _matching(
    collaborations: Iterable[Collaboration], *, goal: Goal | None, status: Status | None
) -> Iterable[Collaboration]:
    return (
        collab
        for collab in collaborations
        if (goal is None or goal in collab.goals) and (status is None or collab.status == status)
    )


def _chronological(collab: Collaboration) -> tuple[int, str]:
    return (collab.start, collab.name.casefold())
