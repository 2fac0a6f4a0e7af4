"""Time: what ran in a given year, with whom, and who stopped working with whom.

On made-up data where the answers are known: in tests/fixtures/years.toml Beta leaves the
station in 2015 and Gamma joins it in 2018; Alpha and Gamma also shared an orbiter,
2000-2012.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import invoke, json_of
from spacecli import load, query

YEARS = str(Path(__file__).resolve().parent / "fixtures" / "years.toml")
WHERE = ("--no-bundled", "--data", YEARS)


def ids(records: list[dict[str, object]], key: str = "id") -> list[object]:
    return [record[key] for record in records]


@pytest.mark.parametrize(
    ("year", "running", "on_station"),
    [
        (1999, [], None),
        (2011, ["orbiter", "station"], ["AAA", "BSA"]),
        (2016, ["station"], ["AAA"]),
        (2020, ["station"], ["AAA", "GSA"]),
    ],
)
def test_active_in_keeps_what_ran_that_year_with_who_took_part(
    year: int, running: list[str], on_station: list[str] | None
) -> None:
    found = json_of(*WHERE, "missions", "--active-in", str(year))
    assert ids(found) == running
    station = next((c for c in found if c["id"] == "station"), None)
    if on_station is not None:
        assert station is not None
        assert station["organisations"] == on_station


def test_partners_in_a_year_count_only_who_was_there() -> None:
    assert ids(json_of(*WHERE, "partners", "AAA", "--active-in", "2013")) == ["beta"]
    assert ids(json_of(*WHERE, "partners", "AAA", "--active-in", "2020")) == ["gamma"]
    (gamma,) = [
        p for p in json_of(*WHERE, "partners", "AAA", "--active-in", "2011") if p["id"] == "gamma"
    ]
    assert ids(gamma["collaborations"]) == ["orbiter"]  # the station only from 2018
    assert json_of(*WHERE, "partners", "AAA", "BSA", "--active-in", "2016") == []
    assert ids(json_of(*WHERE, "partners", "AAA", "BSA", "--active-in", "2015")) == ["station"]


def test_left_after_lists_who_worked_together_that_year_and_never_since() -> None:
    (beta,) = json_of(*WHERE, "partners", "AAA", "--left-after", "2015")
    assert (beta["id"], ids(beta["collaborations"])) == ("beta", ["station"])
    # Gamma left the orbiter in 2012 but came back on the station in 2018
    assert json_of(*WHERE, "partners", "AAA", "--left-after", "2012") == []
    assert json_of(*WHERE, "partners", "AAA", "--left-after", "2016") == []


def test_left_after_refuses_a_second_name() -> None:
    code, out, err = invoke(*WHERE, "partners", "AAA", "BSA", "--left-after", "2015")
    assert (code, out) == (2, "")
    assert "--left-after lists partners of one organisation" in err


def test_agency_in_a_year() -> None:
    alpha = json_of(*WHERE, "agency", "AAA", "--active-in", "2016")
    assert ids(alpha["collaborations"]) == ["station"]
    assert alpha["top_partners"] == []  # nobody else was on the station in 2016


def test_graph_matrix_and_export_in_a_year(tmp_path: Path) -> None:
    edges = json_of(*WHERE, "graph", "--active-in", "2013")["edges"]
    assert [(e["source"], e["target"]) for e in edges] == [("alpha", "beta")]
    matrix = json_of(*WHERE, "matrix", "AAA", "BSA", "GSA", "--active-in", "2020")
    assert matrix[0] == {"organisation": "AAA", "AAA": None, "BSA": 0, "GSA": 1}
    target = tmp_path / "2013.json"
    code, _, _ = invoke(*WHERE, "data", "export", "--active-in", "2013", "-o", str(target))
    assert code == 0
    exported = json.loads(target.read_text("utf-8"))
    (station,) = exported["collaborations"]
    assert [p["org"] for p in station["participants"]] == ["alpha", "beta"]


def test_the_library_answers_the_same() -> None:
    data = load(YEARS, bundled=False)
    assert [c.id for c in query.Filter(active_in=2016).apply(data)] == ["station"]
    assert [link.partner.id for link in query.former_partners(data, "AAA", 2015)] == ["beta"]


def test_bundled_roscosmos_left_exomars_in_2022() -> None:
    shared_2021 = {
        c["id"]
        for p in json_of("partners", "Roscosmos", "--active-in", "2021")
        if p["id"] == "esa"
        for c in p["collaborations"]
    }
    shared_2023 = {
        c["id"]
        for p in json_of("partners", "Roscosmos", "--active-in", "2023")
        if p["id"] == "esa"
        for c in p["collaborations"]
    }
    assert "exomars-tgo" in shared_2021
    assert "exomars-tgo" not in shared_2023


def test_a_year_exported_is_a_valid_data_file(tmp_path: Path) -> None:
    target = tmp_path / "2020.toml"
    assert invoke(*WHERE, "data", "export", "--active-in", "2020", "-o", str(target)).code == 0
    code, out, err = invoke("--no-bundled", "--data", str(target), "data", "validate")
    assert (code, out, err) == (
        0,
        "valid: 1 file, 2 organisations, 1 collaboration, 0 comparison rows\n",
        "",
    )


def test_a_late_or_leaving_participant_is_shown_as_such() -> None:
    (station,) = json_of(*WHERE, "partners", "AAA", "BSA")
    assert station["roles"] == [
        {"org": "alpha", "role": "lead", "contribution": None, "since": None, "until": None},
        {"org": "beta", "role": "partner", "contribution": None, "since": None, "until": 2015},
    ]
    code, out, _ = invoke(*WHERE, "partners", "AAA", "GSA")
    assert code == 0
    assert "partner (since 2018)" in out
    code, out, _ = invoke(*WHERE, "agency", "BSA")
    assert "partner (until 2015)" in out


def test_history_of_a_partnership_per_year() -> None:
    chapters = json_of(*WHERE, "history", "AAA", "BSA", "--by", "year")
    assert [c["period"] for c in chapters] == [str(year) for year in range(2010, 2016)]
    assert [c["together"] for c in chapters] == [1] * 6
    assert chapters[0]["began"] == [{"id": "station", "name": "Long Station"}]
    assert chapters[-1]["left"] == [
        {
            "collaboration": "station",
            "name": "Long Station",
            "organisation": "beta",
            "abbreviation": "BSA",
        }
    ]
    assert all(c["ended"] == [] for c in chapters)


def test_history_per_decade_counts_what_ran_and_what_ended() -> None:
    chapters = json_of(*WHERE, "history", "AAA", "GSA")
    assert [(c["period"], c["together"]) for c in chapters] == [("2000s", 1), ("2010s", 2)]
    assert [e["id"] for e in chapters[1]["ended"]] == ["orbiter"]
    assert [b["id"] for b in chapters[1]["began"]] == ["station"]  # Gamma joined in 2018
    code, out, _ = invoke(*WHERE, "history", "AAA", "GSA")
    assert code == 0
    assert "AAA and GSA over time" in out


def test_history_of_two_that_never_worked_together() -> None:
    code, out, err = invoke(*WHERE, "history", "BSA", "GSA")
    assert (code, out, err) == (0, "", "BSA and GSA share no collaboration that matches\n")
