"""Queries as plain functions on the small made-up dataset."""

from __future__ import annotations

import pytest

from spacecli import query
from spacecli.errors import NotFoundError, SpacecliError
from spacecli.model import Dataset, Goal, OrgKind, Status


def ids(records: list) -> list[str]:  # type: ignore[type-arg]
    return [record.id for record in records]


def test_partners_most_shared_first_then_by_abbreviation(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    links = query.partners(small, alpha)
    assert [(link.partner.id, ids(list(link.shared))) for link in links] == [
        ("beta", ["red-orbiter", "moon-hop"]),
        ("delta", ["big-eye"]),
        ("gamma", ["big-eye"]),
    ]


def test_partners_filtered_by_goal_and_status(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    assert [link.partner.id for link in query.partners(small, alpha, goal=Goal.MOON)] == ["beta"]
    assert [link.partner.id for link in query.partners(small, alpha, status=Status.ACTIVE)] == [
        "delta",
        "gamma",
    ]
    assert query.partners(small, alpha, goal=Goal.SUN) == []


def test_shared_collaborations_of_two(small: Dataset) -> None:
    alpha, beta = small.organisation("alpha"), small.organisation("beta")
    assert ids(query.shared_collaborations(small, alpha, beta)) == ["red-orbiter", "moon-hop"]
    gamma = small.organisation("gamma")
    assert query.shared_collaborations(small, beta, gamma) == []


def test_missions_filters(small: Dataset) -> None:
    assert ids(query.missions(small)) == ["red-orbiter", "big-eye", "moon-hop"]
    assert ids(query.missions(small, goal=Goal.EXOPLANETS)) == ["big-eye"]
    gamma = small.organisation("gamma")
    assert ids(query.missions(small, agency=gamma)) == ["big-eye"]
    assert ids(query.missions(small, status=Status.PLANNED)) == ["moon-hop"]
    assert ids(query.missions(small, since=2012)) == ["big-eye", "moon-hop"]
    assert ids(query.missions(small, until=2012)) == ["red-orbiter", "big-eye"]
    assert ids(query.missions(small, since=2013, until=2023)) == []


def test_agencies_filters(small: Dataset) -> None:
    assert ids(query.agencies(small)) == ["alpha", "beta", "delta", "gamma"]
    assert ids(query.agencies(small, country="bb")) == ["beta", "gamma"]  # where based
    assert ids(query.agencies(small, country="cc")) == []  # gamma's member, not its seat
    assert ids(query.agencies(small, kind=OrgKind.COMPANY)) == ["delta"]


def test_involvements_oldest_first(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    found = query.involvements(small, alpha)
    assert [(i.collaboration.id, i.participant.role.value) for i in found] == [
        ("red-orbiter", "lead"),
        ("big-eye", "partner"),
        ("moon-hop", "contributor"),
    ]


def test_resolve_suggests_closest_names(small: Dataset) -> None:
    assert query.resolve_organisation(small, "Beta Space Agency").id == "beta"
    with pytest.raises(NotFoundError) as caught:
        query.resolve_organisation(small, "AAAA")
    assert str(caught.value) == "unknown organisation 'AAAA' (did you mean AAA?)"
    with pytest.raises(NotFoundError) as caught:
        query.resolve_collaboration(small, "big eye telescop")
    assert str(caught.value) == (
        "unknown mission or collaboration 'big eye telescop' (did you mean Big Eye Telescope?)"
    )


def test_resolve_without_any_close_name_points_to_the_list(small: Dataset) -> None:
    with pytest.raises(NotFoundError) as caught:
        query.resolve_organisation(small, "zzzzzz")
    assert str(caught.value) == "unknown organisation 'zzzzzz' (see 'spacecli agencies')"
    with pytest.raises(NotFoundError) as caught:
        query.resolve_collaboration(small, "")
    assert str(caught.value) == "unknown mission or collaboration '' (see 'spacecli missions')"


def test_comparison_rows_carry_their_backing(small: Dataset) -> None:
    rows = query.comparison_table(small)
    assert [(r.row.id, ids(list(r.backing))) for r in rows] == [
        ("alpha-beta", ["red-orbiter", "moon-hop"])
    ]


def test_stats_counts_records_countries_and_goals(small: Dataset) -> None:
    numbers = query.stats(small)
    assert (numbers.organisations, numbers.collaborations, numbers.comparison_rows) == (4, 3, 1)
    assert numbers.participations == 7
    assert (numbers.first_year, numbers.last_year) == (2005, 2024)
    # gamma is intergovernmental: its member states count only in the wider figure.
    assert numbers.countries == ("AA", "BB")
    assert numbers.countries_with_member_states == ("AA", "BB", "CC")
    assert dict(numbers.by_goal)["exoplanets"] == 1
    assert dict(numbers.by_goal)["sun"] == 0
    assert dict(numbers.by_status) == {
        "planned": 1,
        "active": 1,
        "completed": 1,
        "failed": 0,
        "cancelled": 0,
    }


# -- search, timeline, goals --------------------------------------------------------------


def found(hits: list[query.Hit]) -> list[tuple[str, int, str]]:
    return [(hit.record.id, hit.score, hit.matched) for hit in hits]


def test_search_ranks_whole_names_then_prefixes_then_words(small: Dataset) -> None:
    assert found(query.search(small, "RO")) == [("red-orbiter", 100, "RO")]
    assert found(query.search(small, "alpha")) == [("alpha", 100, "Alpha")]
    assert found(query.search(small, "big")) == [("big-eye", 90, "Big Eye Telescope")]
    assert found(query.search(small, "telescope")) == [("big-eye", 80, "Big Eye Telescope")]
    assert found(query.search(small, "space agency")) == [
        ("alpha", 80, "Alpha Space Agency"),
        ("beta", 80, "Beta Space Agency"),
    ]


def test_search_forgives_small_typos_and_reads_summaries(small: Dataset) -> None:
    assert found(query.search(small, "red orbitter")) == [("red-orbiter", 63, "Red Orbiter")]
    assert found(query.search(small, "lunar lander")) == [("moon-hop", 40, "summary")]
    assert query.search(small, "saturn") == []


def test_search_limit_and_empty_text(small: Dataset) -> None:
    assert len(query.search(small, "space agency", limit=1)) == 1
    with pytest.raises(SpacecliError, match="nothing to search for"):
        query.search(small, " -- ")


def test_timeline_by_decade_and_year_keeps_empty_periods(small: Dataset) -> None:
    decades = query.timeline(small.collaborations, decades=True)
    assert [(p.label, p.first_year, p.last_year, ids(list(p.collaborations))) for p in decades] == [
        ("2000s", 2000, 2009, ["red-orbiter"]),
        ("2010s", 2010, 2019, ["big-eye"]),
        ("2020s", 2020, 2029, ["moon-hop"]),
    ]
    years = query.timeline(small.collaborations, decades=False)
    assert (years[0].label, years[-1].label, len(years)) == ("2005", "2024", 20)
    assert sum(len(p.collaborations) for p in years) == 3
    assert query.timeline([], decades=True) == []


def test_goals_counts_collaborations_and_organisations(small: Dataset) -> None:
    counts = {
        item.goal.value: (item.collaborations, item.organisations) for item in query.goals(small)
    }
    assert counts["mars"] == (1, 2)
    assert counts["exoplanets"] == (1, 3)
    assert counts["sun"] == (0, 0)
    assert len(counts) == len(Goal)
    first = query.goals(small)[:4]
    assert [item.goal.value for item in first] == ["astronomy", "exoplanets", "mars", "moon"]
