"""Graph algorithms on small hand-made networks, connected and not."""

from __future__ import annotations

import pytest

from spacecli import network, query
from spacecli.errors import SpacecliError
from spacecli.model import (
    CollabKind,
    Collaboration,
    Dataset,
    Goal,
    Organisation,
    OrgKind,
    Participant,
    Role,
    Status,
)


def made_up(*collabs: tuple[str, int, CollabKind, str]) -> Dataset:
    """A dataset from (id, start year, kind, "org org ...") tuples; orgs are named by letters.

    Abbreviations are the ids in upper case, so "a" sorts before "b" everywhere.
    """
    org_ids = sorted({org for *_, members in collabs for org in members.split()})
    orgs = tuple(
        Organisation(
            id=o,
            abbreviation=o.upper(),
            name=f"Org {o}",
            kind=OrgKind.AGENCY,
            countries=("XX",),
            sources=("https://x.test/",),
        )
        for o in org_ids
    )
    return Dataset(
        orgs,
        tuple(
            Collaboration(
                id=cid,
                name=cid.capitalize(),
                kind=kind,
                goals=(Goal.MOON if kind is CollabKind.MISSION else Goal.COORDINATION,),
                start=start,
                status=Status.ACTIVE,
                summary="made up",
                sources=("https://x.test/",),
                participants=tuple(Participant(org=o, role=Role.PARTNER) for o in members.split()),
            )
            for cid, start, kind, members in collabs
        ),
    )


M, C = CollabKind.MISSION, CollabKind.COORDINATION

# a - b - c - d, a chain; e - f apart; b and c also share a committee, older than their mission.
CHAIN = made_up(
    ("ab", 2000, M, "a b"),
    ("bc", 2010, M, "b c"),
    ("bc-committee", 1990, C, "b c"),
    ("cd", 2005, M, "c d"),
    ("ef", 2001, M, "e f"),
)


def org(data: Dataset, org_id: str) -> Organisation:
    return data.organisation(org_id)


def steps(hops: list[network.Hop] | None) -> list[tuple[str, str, str]] | None:
    if hops is None:
        return None
    return [(h.start.id, h.end.id, h.collaboration.id) for h in hops]


def test_shortest_path_along_a_chain() -> None:
    hops = network.shortest_path(CHAIN, org(CHAIN, "a"), org(CHAIN, "d"), CHAIN.collaborations)
    assert steps(hops) == [("a", "b", "ab"), ("b", "c", "bc"), ("c", "d", "cd")]


def test_a_step_shows_a_mission_before_a_committee_and_counts_both() -> None:
    hops = network.shortest_path(CHAIN, org(CHAIN, "b"), org(CHAIN, "c"), CHAIN.collaborations)
    assert hops is not None
    assert [c.id for c in hops[0].shared] == ["bc", "bc-committee"]


def test_no_path_between_separate_parts() -> None:
    data = CHAIN
    assert network.shortest_path(data, org(data, "a"), org(data, "f"), data.collaborations) is None


def test_max_hops_cuts_longer_chains() -> None:
    a, d = org(CHAIN, "a"), org(CHAIN, "d")
    assert network.shortest_path(CHAIN, a, d, CHAIN.collaborations, max_hops=2) is None
    assert len(network.shortest_path(CHAIN, a, d, CHAIN.collaborations, max_hops=3) or []) == 3


def test_equal_length_paths_resolve_by_abbreviation() -> None:
    # a reaches d through b or through c, both two steps: b comes first.
    diamond = made_up(
        ("ac", 2000, M, "a c"),
        ("ab", 2000, M, "a b"),
        ("cd", 2000, M, "c d"),
        ("bd", 2000, M, "b d"),
    )
    hops = network.shortest_path(
        diamond, org(diamond, "a"), org(diamond, "d"), diamond.collaborations
    )
    assert steps(hops) == [("a", "b", "ab"), ("b", "d", "bd")]


def test_a_collaboration_of_three_links_every_pair() -> None:
    trio = made_up(("abc", 2000, M, "a b c"))
    hops = network.shortest_path(trio, org(trio, "a"), org(trio, "c"), trio.collaborations)
    assert steps(hops) == [("a", "c", "abc")]


def test_path_to_oneself_is_refused_and_filters_apply() -> None:
    a = org(CHAIN, "a")
    with pytest.raises(SpacecliError, match="A and A are the same organisation"):
        query.path(CHAIN, a, a)
    # Without missions, b and c are linked only by their committee: a cannot get past b.
    assert query.path(CHAIN, a, org(CHAIN, "c"), exclude=[M]) is None
    hops = query.path(CHAIN, org(CHAIN, "b"), org(CHAIN, "c"), exclude=[M])
    assert steps(hops) == [("b", "c", "bc-committee")]
    assert query.path(CHAIN, a, org(CHAIN, "c"), goal=Goal.COORDINATION) is None


def test_build_weights_edges_and_drops_nodes_below_min_shared() -> None:
    net = network.build(CHAIN, CHAIN.collaborations)
    assert [(e.source.id, e.target.id, e.weight) for e in net.edges] == [
        ("b", "c", 2),
        ("a", "b", 1),
        ("c", "d", 1),
        ("e", "f", 1),
    ]
    assert [n.id for n in net.nodes] == ["a", "b", "c", "d", "e", "f"]
    assert net.reach() == {
        "a": (1, 1),
        "b": (2, 3),
        "c": (2, 3),
        "d": (1, 1),
        "e": (1, 1),
        "f": (1, 1),
    }
    heavy = network.build(CHAIN, CHAIN.collaborations, min_shared=2)
    assert [n.id for n in heavy.nodes] == ["b", "c"]
    assert [[c.id for c in e.shared] for e in heavy.edges] == [["bc-committee", "bc"]]


def test_build_of_nothing_is_empty() -> None:
    assert network.build(CHAIN, ()) == network.Network((), ())


def test_matrix_counts_shared_collaborations_with_none_on_the_diagonal() -> None:
    chosen = [org(CHAIN, "c"), org(CHAIN, "b"), org(CHAIN, "e")]
    assert network.matrix(chosen, CHAIN.collaborations) == [
        [None, 2, 0],
        [2, None, 0],
        [0, 0, None],
    ]
    repeated = query.matrix(CHAIN, [org(CHAIN, "b"), org(CHAIN, "b")])
    assert [o.id for o in repeated.organisations] == ["b"]
    assert repeated.counts == ((None,),)


def test_most_connected_ranks_by_collaborations_then_abbreviation() -> None:
    assert [o.id for o in query.most_connected(CHAIN, 3)] == ["b", "c", "a"]
