"""Hypothesis strategies for valid datasets: any record the loader must accept."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from spacecli.model import (
    CollabKind,
    Collaboration,
    Comparison,
    Dataset,
    Figure,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Role,
    Status,
)
from spacecli.schema import FOUNDED_MIN, YEAR_MAX, YEAR_MIN

# Any text that is not blank, from all of Unicode but lone surrogates (not valid UTF-8).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: bool(t.strip())
)
OPTIONAL_TEXT = st.none() | TEXT
YEARS = st.integers(YEAR_MIN, YEAR_MAX)
URL = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}",
    st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8),
    st.text(string.ascii_letters + string.digits + "-_/", max_size=12),
)
URLS = st.lists(URL, min_size=1, max_size=3).map(tuple)


def unique_name(tag: str, number: int, words: str) -> str:
    """A name no other record shares: normalised, 'q12z...' cannot be a prefix of 'q123z...'."""
    return f"{tag}{number}Z {words}"


def year_pair(draw: st.DrawFn, required: bool) -> tuple[int | None, int | None]:
    first = draw(YEARS) if required else draw(st.none() | YEARS)
    if first is None:
        return None, draw(st.none() | YEARS)
    return first, draw(st.none() | st.integers(first, YEAR_MAX))


@st.composite
def organisations(draw: st.DrawFn, number: int) -> Organisation:
    return Organisation(
        id=f"org-{number}",
        abbreviation=unique_name("A", number, draw(st.text(string.ascii_uppercase, max_size=4))),
        name=unique_name("N", number, draw(TEXT)),
        kind=draw(st.sampled_from(OrgKind)),
        countries=tuple(
            draw(st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), max_size=3, unique=True))
        ),
        sources=draw(URLS),
        aliases=tuple(
            unique_name(f"L{k}X", number, draw(TEXT)) for k in range(draw(st.integers(0, 2)))
        ),
        founded=draw(st.none() | st.integers(FOUNDED_MIN, YEAR_MAX)),
        website=draw(st.none() | URL),
        note=draw(OPTIONAL_TEXT),
    )


@st.composite
def collaborations(draw: st.DrawFn, number: int, org_ids: list[str]) -> Collaboration:
    start, end = year_pair(draw, required=True)
    assert start is not None
    members = draw(st.lists(st.sampled_from(org_ids), min_size=1, max_size=4, unique=True))
    participants = []
    for org_id in members:
        since, until = year_pair(draw, required=False)
        participants.append(
            Participant(
                org=org_id,
                role=draw(st.sampled_from(Role)),
                contribution=draw(OPTIONAL_TEXT),
                since=since,
                until=until,
                note=draw(OPTIONAL_TEXT),
            )
        )
    return Collaboration(
        id=f"collab-{number}",
        name=unique_name("C", number, draw(TEXT)),
        kind=draw(st.sampled_from(CollabKind)),
        goals=tuple(draw(st.lists(st.sampled_from(Goal), min_size=1, max_size=3, unique=True))),
        start=start,
        status=draw(st.sampled_from(Status)),
        summary=draw(TEXT),
        sources=draw(URLS),
        participants=tuple(participants),
        aliases=tuple(
            unique_name(f"K{k}X", number, draw(TEXT)) for k in range(draw(st.integers(0, 2)))
        ),
        launch=draw(st.none() | YEARS),
        end=end,
        note=draw(OPTIONAL_TEXT),
        figures=tuple(
            draw(
                st.lists(
                    st.builds(
                        Figure, label=TEXT, value=st.integers(-(2**63), 2**63 - 1), source=URL
                    ),
                    max_size=2,
                )
            )
        ),
    )


@st.composite
def datasets(draw: st.DrawFn, max_organisations: int = 5, max_collaborations: int = 5) -> Dataset:
    """A valid dataset: unique ids and names, references that resolve, years in order."""
    orgs = [draw(organisations(n)) for n in range(draw(st.integers(1, max_organisations)))]
    org_ids = [org.id for org in orgs]
    collabs = [
        draw(collaborations(n, org_ids)) for n in range(draw(st.integers(0, max_collaborations)))
    ]
    rows = []
    if collabs:
        for n in range(draw(st.integers(0, 2))):
            backing = draw(
                st.lists(st.sampled_from([c.id for c in collabs]), min_size=1, unique=True)
            )
            rows.append(
                Comparison(
                    id=f"row-{n}",
                    partners=draw(TEXT),
                    type=draw(TEXT),
                    collaborations=tuple(backing),
                    note=draw(OPTIONAL_TEXT),
                )
            )
    return Dataset(tuple(orgs), tuple(collabs), tuple(rows))
