"""Data you can check: lineage, membership, related records, freshness, source classes and
`data audit`, on hand-made data where the answer is known, and on the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import invoke, json_of
from spacecli import data as datafiles
from spacecli import query
from spacecli.sources import PRIMARY, SourceClass, classify

MADE_UP = """
[[organisations]]
id = "old-agency"
abbreviation = "OLD"
name = "Old Space Office"
kind = "agency"
countries = ["AA"]
sources = ["https://en.wikipedia.org/wiki/Old"]

[[organisations]]
id = "new-agency"
abbreviation = "NEW"
name = "New Space Agency"
kind = "agency"
countries = ["AA"]
sources = ["https://www.esa.int/new"]
predecessors = [{ org = "old-agency", year = 2003, note = "merged" }]

[[organisations]]
id = "lab"
abbreviation = "LAB"
name = "Space Lab"
kind = "institute"
countries = ["AA"]
parent = "new-agency"
sources = ["https://www.nasa.gov/lab"]

[[organisations]]
id = "union"
abbreviation = "UNI"
name = "Union Space Organisation"
kind = "intergovernmental"
countries = ["BB"]
sources = ["https://spacenews.com/union"]
members = [{ country = "BB", since = 1975 }, { country = "CC", since = 1987 }]

[[organisations]]
id = "friend"
abbreviation = "FRD"
name = "Friendly Agency"
kind = "agency"
countries = ["DD"]
sources = ["https://example.org/friend"]

[[collaborations]]
id = "early"
name = "Early Mission"
kind = "mission"
goals = ["moon"]
start = 1990
end = 1995
status = "completed"
summary = "Made up: before the merger."
sources = ["https://en.wikipedia.org/wiki/Early"]
checked = "2026-11"
related = ["late"]
[[collaborations.participants]]
org = "old-agency"
role = "lead"
[[collaborations.participants]]
org = "friend"
role = "partner"

[[collaborations]]
id = "late"
name = "Late Mission"
kind = "mission"
goals = ["moon"]
start = 2010
status = "active"
summary = "Made up: after the merger."
sources = ["https://spacenews.com/late"]
checked = "2024-01"
[[collaborations.participants]]
org = "new-agency"
role = "lead"
[[collaborations.participants]]
org = "union"
role = "partner"

[[collaborations]]
id = "dated"
name = "Dated Plan"
kind = "mission"
goals = ["mars"]
start = 2020
launch = 2024
status = "planned"
summary = "Made up: a launch year that has passed."
sources = ["https://www.nasa.gov/dated"]
[[collaborations.participants]]
org = "new-agency"
role = "lead"
[[collaborations.participants]]
org = "friend"
role = "partner"

[[collaborations]]
id = "done"
name = "Done Without End"
kind = "mission"
goals = ["mars"]
start = 2020
status = "completed"
summary = "Made up: completed, no end year; same partners and year as the plan above."
sources = ["https://www.nasa.gov/done"]
[[collaborations.participants]]
org = "new-agency"
role = "lead"
[[collaborations.participants]]
org = "friend"
role = "partner"
"""


@pytest.fixture
def made_up(tmp_path: Path) -> tuple[str, ...]:
    path = tmp_path / "made-up.toml"
    path.write_text(MADE_UP, encoding="utf-8")
    return ("--no-bundled", "--data", str(path))


def test_agency_shows_lineage_both_ways(made_up: tuple[str, ...]) -> None:
    new = json_of(*made_up, "agency", "NEW")
    assert new["predecessors"] == [{"id": "old-agency", "abbreviation": "OLD", "year": 2003}]
    assert new["successors"] == []
    assert new["parts"] == [{"id": "lab", "abbreviation": "LAB"}]
    old = json_of(*made_up, "agency", "OLD")
    assert old["successors"] == [{"id": "new-agency", "abbreviation": "NEW", "year": 2003}]
    assert json_of(*made_up, "agency", "LAB")["parent"] == "new-agency"
    code, table, _ = invoke(*made_up, "agency", "NEW")
    assert code == 0
    assert "Formerly" in table
    assert "OLD (2003)" in table
    assert "LAB" in table


def test_partners_with_lineage_count_what_predecessors_did(made_up: tuple[str, ...]) -> None:
    alone = {p["id"]: p["shared_count"] for p in json_of(*made_up, "partners", "NEW")}
    assert alone == {"friend": 2, "union": 1}
    family = json_of(*made_up, "partners", "NEW", "--lineage")
    assert {p["id"]: p["shared_count"] for p in family} == {"friend": 3, "union": 1}
    assert [c["id"] for c in family[0]["collaborations"]] == ["early", "dated", "done"]


def test_members_are_not_where_a_body_is_based(made_up: tuple[str, ...]) -> None:
    stats = json_of(*made_up, "stats")
    assert stats["countries"] == ["AA", "DD"]  # the union sits in BB, but BB is a member
    assert stats["countries_with_member_states"] == ["AA", "BB", "CC", "DD"]
    union = json_of(*made_up, "agency", "UNI")
    assert union["members"] == [
        {"country": "BB", "since": 1975, "until": None},
        {"country": "CC", "since": 1987, "until": None},
    ]


def test_mission_shows_related_records_and_when_its_status_was_checked(
    made_up: tuple[str, ...],
) -> None:
    early = json_of(*made_up, "mission", "early")
    assert (early["related"], early["checked"]) == (["late"], "2026-11")
    code, table, _ = invoke(*made_up, "mission", "early")
    assert code == 0
    assert "Status checked" in table
    assert "2026-11" in table


def test_audit_finds_each_kind_of_problem(made_up: tuple[str, ...]) -> None:
    code, out, err = invoke(*made_up, "data", "audit", "--json")
    assert code == 0
    found = sorted((f["kind"], f["record"]) for f in json.loads(out))
    assert found == [
        ("launch-passed", "dated"),
        ("no-end-year", "done"),
        ("no-primary-source", "friend"),
        ("no-primary-source", "late"),
        ("no-primary-source", "union"),
        ("overlap", "done"),
        ("stale-status", "late"),
        ("unconfirmed-status", "dated"),
        ("unlisted-source", "friend"),
    ]
    assert err.startswith("spacecli: 9 records audited: ")
    assert invoke(*made_up, "data", "audit", "--strict")[0] == 1


def test_related_records_are_not_overlaps() -> None:
    text = MADE_UP.replace('related = ["late"]', 'related = ["late"]\n').replace(
        'summary = "Made up: a launch year that has passed."',
        'summary = "Made up: a launch year that has passed."\nrelated = ["done"]',
    )
    findings = query.audit(datafiles.loads(text, "x.toml"), (2026, 12)).findings
    assert "overlap" not in {f.kind for f in findings}


def test_sources_are_classed_by_site() -> None:
    assert classify("https://science.nasa.gov/mission/x") is SourceClass.PRIMARY
    assert classify("https://de.wikipedia.org/wiki/X") is SourceClass.REFERENCE
    assert classify("https://www.spacenews.com/x") is SourceClass.NEWS
    assert classify("https://kiwix.lema.org/wikipedia_en_all/A/X") is None  # a mirror
    assert classify("https://notnasa.gov.example.org/") is None
    assert "nasa.gov" in PRIMARY


# -- the bundled data ---------------------------------------------------------------------


def test_every_bundled_source_is_on_a_listed_site() -> None:
    data = datafiles.load()
    unlisted = [
        (record.id, url)
        for record in (*data.organisations, *data.collaborations)
        for url in record.sources
        if classify(url) is None
    ]
    assert unlisted == []


def test_every_bundled_collaboration_says_when_its_status_was_checked() -> None:
    data = datafiles.load()
    assert [c.id for c in data.collaborations if c.checked is None] == []


def test_the_known_errors_are_fixed() -> None:
    """The independent check's findings (issue "Data you can check", section 1)."""
    data = datafiles.load()
    change6 = data.collaboration("chang-e-6")
    assert change6.start == 2019
    assert "irf" not in {p.org for p in change6.participants if p.role.value == "partner"}
    assert "egsa" in data.collaboration("ilrs").org_ids
    assert "airbus" in data.collaboration("atv").org_ids
    assert {"dlr", "kiel-university"} <= set(data.collaboration("curiosity").org_ids)
    assert "ucl" in data.collaboration("ariel").org_ids
    assert data.collaboration("chandrayaan-3").end == 2023
    assert "iss-iga-1998" in data.collaboration("iss").related
    assert "Nyx ISS cargo" not in data.collaboration("leo-cargo-return-service").aliases
    assert [p.org for p in data.organisation("jaxa").predecessors] == ["nasda", "isas", "nal"]
    assert data.organisation("esa").countries == ("FR",)
    assert len(data.organisation("esa").members) == 23
    assert data.collaboration("cygnus").start == 2008  # NASA's COTS agreement, Feb 2008


STATES = str(Path(__file__).resolve().parent / "fixtures" / "states.toml")


def test_states_take_part_and_a_vanished_state_has_its_successor() -> None:
    where = ("--no-bundled", "--data", STATES)
    code, out, err = invoke(*where, "data", "validate")
    assert (code, err) == (0, "")
    assert out == "valid: 1 file, 3 organisations, 1 collaboration, 0 comparison rows\n"
    russia = json_of(*where, "agency", "Russia")
    assert (russia["kind"], russia["countries"]) == ("government", ["RU"])
    assert russia["predecessors"] == [{"id": "ussr", "abbreviation": "USSR", "year": 1991}]
    mission = json_of(*where, "mission", "soyuz-28")
    assert [(p["org"], p["role"]) for p in mission["participants"]] == [
        ("ussr", "lead"),
        ("czechoslovakia", "partner"),
    ]
    # the successor counts what its predecessor did only when asked
    assert json_of(*where, "partners", "Russia") == []
    (partner,) = json_of(*where, "partners", "Russia", "--lineage")
    assert (partner["id"], partner["shared_count"]) == ("czechoslovakia", 1)
