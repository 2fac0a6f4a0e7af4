"""Facts and quality rules on the bundled dataset itself."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from cli import json_of
from spacecli import query
from spacecli.data import load
from spacecli.model import CollabKind, Dataset, Goal, OrgKind


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load()


def test_nasa_partners_include_the_iss_and_webb_partners(data: Dataset) -> None:
    nasa = query.resolve_organisation(data, "nasa")
    partners = {link.partner.abbreviation for link in query.partners(data, nasa)}
    assert {"ESA", "CSA", "JAXA", "Roscosmos"} <= partners


def test_mars_missions_include_exomars_and_no_telescope(data: Dataset) -> None:
    found = query.missions(data, goal=Goal.MARS)
    assert "exomars-tgo" in {c.id for c in found}
    assert any(c.id.startswith("exomars") for c in found)
    assert all(c.kind is not CollabKind.TELESCOPE for c in found)
    assert all(Goal.MARS in c.goals for c in found)


@pytest.mark.parametrize(
    ("name", "org_id"),
    [
        ("nasa", "nasa"),
        ("Roscosmos", "roscosmos"),
        ("Japan Aerospace Exploration Agency", "jaxa"),
        ("ISRO", "isro"),
        ("Axiom Space", "axiom-space"),
        ("The Exploration Company", "the-exploration-company"),
        ("ISECG", "isecg"),
    ],
)
def test_organisation_names_resolve(data: Dataset, name: str, org_id: str) -> None:
    assert query.resolve_organisation(data, name).id == org_id


@pytest.mark.parametrize(
    ("name", "collab_id"), [("JWST", "jwst"), ("Webb", "jwst"), ("ISS", "iss")]
)
def test_collaboration_names_resolve(data: Dataset, name: str, collab_id: str) -> None:
    assert query.resolve_collaboration(data, name).id == collab_id


def test_jwst_participants_and_roles(data: Dataset) -> None:
    jwst = data.collaboration("jwst")
    roles = {p.org: p.role.value for p in jwst.participants}
    assert roles["nasa"] == "lead"
    assert {"esa", "csa"} <= set(roles)


def test_roscosmos_left_exomars_rosalind_franklin_in_2022(data: Dataset) -> None:
    rover = data.collaboration("exomars-rosalind-franklin")
    roscosmos = next(p for p in rover.participants if p.org == "roscosmos")
    assert roscosmos.until == 2022
    assert roscosmos.note


def test_iss_agreement_count_is_recorded_with_its_source(data: Dataset) -> None:
    figures = [f for c in (data.collaboration("iss"),) for f in c.figures]
    assert any(f.value == 15 and f.source.startswith("https://") for f in figures)


REFERENCE_ROWS = [
    ("NASA, ESA, CSA", "Joint development of space telescopes like JWST"),
    ("USA, Russia", "Moon exploration and missions to Mars"),
    ("Japan, Europe", "Scientific mission for the study of exoplanets"),
    (
        "International Space Station (ISS)",
        "Multi-national collaboration for microgravity research",
    ),
    ("India, USA", "Development of initiatives for Mars exploration"),
    ("Planck (400 researchers)", "European collaboration for the study of cosmic background"),
    ("International coordination group", "Harmonization of global space exploration efforts"),
    ("Axiom Space, Exploration Company", "Delivery of resources and equipment to the ISS"),
]


def test_compare_reproduces_every_reference_row_backed_by_data() -> None:
    rows = json_of("compare")
    assert [(row["partners"], row["type"]) for row in rows] == REFERENCE_ROWS
    for row in rows:
        assert row["collaborations"], row["partners"]


def test_compare_rows_are_backed_by_the_right_partners(data: Dataset) -> None:
    rows = {row.row.partners: row for row in query.comparison_table(data)}
    jwst_row = rows["NASA, ESA, CSA"]
    assert "jwst" in {c.id for c in jwst_row.backing}
    assert {c.id for c in rows["International Space Station (ISS)"].backing} >= {"iss"}
    assert "isecg" in {c.id for c in rows["International coordination group"].backing}
    assert "planck" in {c.id for c in rows["Planck (400 researchers)"].backing}
    for partners, countries in [("USA, Russia", {"US", "RU"}), ("India, USA", {"IN", "US"})]:
        for collab in rows[partners].backing:
            seen = {c for p in collab.participants for c in data.organisation(p.org).countries}
            assert countries <= seen, collab.id
    axiom_row = rows["Axiom Space, Exploration Company"]
    takers = {p.org for c in axiom_row.backing for p in c.participants}
    assert {"axiom-space", "the-exploration-company"} <= takers


# -- quality rules that keep the data true ------------------------------------------------


# Goals the vocabulary has but the bundled data does not yet pursue twice: the records for
# them (satellite navigation, launch services) are the next data round's.
NOT_YET_USED_TWICE = {Goal.LAUNCH_SERVICES}


def test_every_goal_is_used_by_at_least_two_collaborations(data: Dataset) -> None:
    used = Counter(goal for collab in data.collaborations for goal in collab.goals)
    assert {goal for goal in Goal if used[goal] < 2} == NOT_YET_USED_TWICE


def test_every_organisation_takes_part_in_something(data: Dataset) -> None:
    """Or is there for the lineage of one that does: a predecessor, a parent body."""
    taking_part = {p.org for collab in data.collaborations for p in collab.participants}
    linked = {o.parent for o in data.organisations} | {
        p.org for o in data.organisations for p in o.predecessors
    }
    linked |= {o.id for o in data.organisations if o.parent or o.predecessors}
    assert [o.id for o in data.organisations if o.id not in taking_part | linked] == []


def test_every_collaboration_is_international(data: Dataset) -> None:
    lonely = []
    for collab in data.collaborations:
        orgs = [data.organisation(p.org) for p in collab.participants]
        countries = {c for org in orgs for c in org.countries}
        body = any(org.kind in (OrgKind.INTERGOVERNMENTAL, OrgKind.COORDINATION) for org in orgs)
        if len(orgs) < 2 or (len(countries) < 2 and not body):
            lonely.append(collab.id)
    assert lonely == []


def test_every_record_cites_well_formed_https_sources(data: Dataset) -> None:
    url = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")
    sources = [s for o in data.organisations for s in o.sources]
    sources += [s for c in data.collaborations for s in c.sources]
    sources += [f.source for c in data.collaborations for f in c.figures]
    assert all(o.sources for o in data.organisations)
    assert all(c.sources for c in data.collaborations)
    assert [s for s in sources if not url.match(s)] == []


def test_years_are_in_order_and_statuses_fit_them(data: Dataset) -> None:
    for collab in data.collaborations:
        assert collab.end is None or collab.start <= collab.end, collab.id
        if collab.status.value == "planned":
            assert collab.end is None, collab.id


def test_size_of_the_dataset(data: Dataset) -> None:
    assert len(data.organisations) >= 40
    assert len(data.collaborations) >= 100


def test_ids_are_stable(data: Dataset) -> None:
    """Every id published before still exists, as a record or a withdrawn id that says
    what became of it (tests/data_ids.txt lists them)."""
    listed = Path(__file__).with_name("data_ids.txt").read_text(encoding="utf-8").splitlines()
    known = {
        "organisations": {o.id for o in data.organisations},
        "collaborations": {c.id for c in data.collaborations},
        "comparisons": {r.id for r in data.comparisons},
    }
    for entry in data.withdrawn:  # a withdrawn id still answers (docs/data-files.md)
        known[entry.section.value].add(entry.id)
    missing = [
        line
        for line in listed
        if line and not line.startswith("#") and line.split()[1] not in known[line.split()[0]]
    ]
    assert missing == []
    assert sum(len(ids) for ids in known.values()) == sum(
        1 for line in listed if line and not line.startswith("#")
    ), "new records: add their ids to tests/data_ids.txt"


def test_stats_on_the_bundled_data() -> None:
    record = json_of("stats")
    assert record["organisations"] == len(load().organisations)
    assert record["goals_used"] == len(Goal)  # every goal is used at least once
    assert {"US", "RU", "JP", "CA", "IN", "FR", "DE", "IT", "CN"} <= set(record["countries"])
    assert record["country_count"] >= 30


@pytest.mark.parametrize("goal", [goal for goal in Goal if goal not in NOT_YET_USED_TWICE])
def test_every_goal_gives_a_sensible_mission_list(data: Dataset, goal: Goal) -> None:
    found = query.missions(data, goal=goal)
    assert len(found) >= 2
    assert all(goal in c.goals for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_organisations_name_the_body_they_belong_to() -> None:
    """`parent` (declared once on the model) is read, checked, written and shown."""
    data = load()
    assert data.organisation("kari").parent == "kasa"
    assert data.organisation("kasi").parent == "kasa"
    assert data.organisation("nasa").parent is None
    assert {o.id for o in data.organisations if o.parent == "kasa"} == {"kari", "kasi"}
