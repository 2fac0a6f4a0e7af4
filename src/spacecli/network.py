"""The collaboration network: organisations linked by the collaborations they share.

Pure functions over the model, written for clarity: the network has about a hundred nodes,
so plain dictionaries and a breadth-first search beat any graph library's import time.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from spacecli.model import CollabKind, Collaboration, Dataset, Organisation


class Edge(NamedTuple):
    """Two organisations and the collaborations they share, oldest first.

    `source` sorts before `target` by id, so an edge is written the same way every time.
    """

    source: Organisation
    target: Organisation
    shared: tuple[Collaboration, ...]

    @property
    def weight(self) -> int:
        """How many collaborations the two share."""
        return len(self.shared)


class Network(NamedTuple):
    """Organisations (sorted by abbreviation) and the edges between them (heaviest first)."""

    nodes: tuple[Organisation, ...]
    edges: tuple[Edge, ...]

    def reach(self) -> dict[str, tuple[int, int]]:
        """For each node id: how many partners it has here, and in how many collaborations."""
        partners: dict[str, int] = defaultdict(int)
        collabs: dict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            for org in (edge.source, edge.target):
                partners[org.id] += 1
                collabs[org.id].update(c.id for c in edge.shared)
        return {org.id: (partners[org.id], len(collabs[org.id])) for org in self.nodes}


class Hop(NamedTuple):
    """One step of a path: from one organisation to the next, through what the two share.

    `shared` lists every collaboration the two share, the most concrete first (see
    `concrete_first`); the first is the one a path shows.
    """

    start: Organisation
    end: Organisation
    shared: tuple[Collaboration, ...]

    @property
    def collaboration(self) -> Collaboration:
        """The collaboration this step goes through."""
        return self.shared[0]


def chronological(collab: Collaboration) -> tuple[int, str]:
    """The sort key for collaborations: start year, then name."""
    return (collab.start, collab.name.casefold())


# A joint spacecraft says more about a link than a shared committee seat.
_CONCRETENESS = (
    CollabKind.MISSION,
    CollabKind.TELESCOPE,
    CollabKind.STATION,
    CollabKind.FLIGHT,
    CollabKind.PROGRAMME,
    CollabKind.AGREEMENT,
    CollabKind.COORDINATION,
)


def concrete_first(collab: Collaboration) -> tuple[int, int, str]:
    """The sort key for a step's collaborations: missions before agreements, then oldest."""
    return (_CONCRETENESS.index(collab.kind), *chronological(collab))


def _by_abbreviation(org: Organisation) -> tuple[str, str]:
    return (org.abbreviation.casefold(), org.id)


def shared_pairs(
    data: Dataset, collaborations: Iterable[Collaboration]
) -> dict[tuple[str, str], list[Collaboration]]:
    """For each pair of organisation ids (sorted), the given collaborations the two share."""
    pairs: dict[tuple[str, str], list[Collaboration]] = defaultdict(list)
    for collab in collaborations:
        ids = sorted(set(collab.org_ids))
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                pairs[(first, second)].append(collab)
    return pairs


def build(data: Dataset, collaborations: Iterable[Collaboration], min_shared: int = 1) -> Network:
    """The network of the given collaborations, keeping edges that share at least `min_shared`.

    Nodes are the organisations at either end of a kept edge.
    """
    edges = [
        Edge(
            data.organisation(first),
            data.organisation(second),
            tuple(sorted(collabs, key=chronological)),
        )
        for (first, second), collabs in shared_pairs(data, collaborations).items()
        if len(collabs) >= min_shared
    ]
    edges.sort(key=lambda e: (-e.weight, _by_abbreviation(e.source), _by_abbreviation(e.target)))
    nodes = {org.id: org for edge in edges for org in (edge.source, edge.target)}
    return Network(tuple(sorted(nodes.values(), key=_by_abbreviation)), tuple(edges))


def shortest_path(
    data: Dataset,
    start: Organisation,
    end: Organisation,
    collaborations: Iterable[Collaboration],
    max_hops: int | None = None,
) -> list[Hop] | None:
    """The shortest chain of shared collaborations from `start` to `end`, or None if none.

    Breadth-first search; neighbours are visited by abbreviation, so among chains of equal
    length the answer is always the same one. An empty list means `start` is `end`.
    """
    pairs = shared_pairs(data, collaborations)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for first, second in pairs:
        neighbours[first].append(second)
        neighbours[second].append(first)
    for ids in neighbours.values():
        ids.sort(key=lambda org_id: _by_abbreviation(data.organisation(org_id)))

    came_from: dict[str, str | None] = {start.id: None}
    depth = {start.id: 0}
    queue = deque([start.id])
    while queue and end.id not in came_from:
        current = queue.popleft()
        if max_hops is not None and depth[current] >= max_hops:
            continue
        for other in neighbours[current]:
            if other not in came_from:
                came_from[other] = current
                depth[other] = depth[current] + 1
                queue.append(other)
    if end.id not in came_from:
        return None

    chain = [end.id]
    while (previous := came_from[chain[-1]]) is not None:
        chain.append(previous)
    chain.reverse()
    hops = []
    for first, second in pairwise(chain):
        shared = sorted(pairs[(min(first, second), max(first, second))], key=concrete_first)
        hops.append(Hop(data.organisation(first), data.organisation(second), tuple(shared)))
    return hops


def matrix(
    orgs: Sequence[Organisation], collaborations: Iterable[Collaboration]
) -> list[list[int | None]]:
    """How many of the collaborations each pair of `orgs` shares; None on the diagonal."""
    index = {org.id: i for i, org in enumerate(orgs)}
    counts: list[list[int | None]] = [
        [None if i == j else 0 for j in range(len(orgs))] for i in range(len(orgs))
    ]
    for collab in collaborations:
        present = sorted({index[o] for o in collab.org_ids if o in index})
        for i in present:
            for j in present:
                row = counts[i]
                cell = row[j]
                if cell is not None:
                    row[j] = cell + 1
    return counts
