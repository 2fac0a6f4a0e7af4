"""Place: countries, their organisations and partner countries, and country filters.

On the made-up tests/fixtures/small.toml, where the answers are known: Alpha (AA) and Delta
(AA) and Beta (BB) are national; Gamma is intergovernmental, based in BB, and counts for no
country.
"""

from __future__ import annotations

import pytest

from cli import invoke, json_of
from spacecli import countries

SMALL = ("--no-bundled", "--data", "tests/fixtures/small.toml")


@pytest.fixture(autouse=True)
def _from_the_repository(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(request.config.rootpath)


def test_countries_fold_organisations_but_not_intergovernmental_bodies() -> None:
    assert json_of(*SMALL, "countries") == [
        {
            "code": "AA",
            "name": "AA",
            "organisations": ["AAA", "DCO"],
            "collaborations": 3,
            "partner_countries": [{"code": "BB", "name": "BB", "shared": 2}],
        },
        {
            "code": "BB",
            "name": "BB",
            "organisations": ["BSA"],  # not GIO: it stands for itself
            "collaborations": 2,
            "partner_countries": [{"code": "AA", "name": "AA", "shared": 2}],
        },
    ]


def test_one_country_lists_its_collaborations() -> None:
    found = json_of(*SMALL, "country", "bb")
    assert [c["id"] for c in found["collaborations"]] == ["red-orbiter", "moon-hop"]


@pytest.mark.parametrize("name", ["Japan", "JP", "jpn", "japan"])
def test_a_country_is_named_by_code_or_name(name: str) -> None:
    assert countries.find(name) == countries.find("JP")
    found = json_of("country", name)
    assert (found["code"], found["name"]) == ("JP", "Japan")
    assert "JAXA" in found["organisations"]


@pytest.mark.parametrize(("name", "code"), [("United States", "US"), ("USA", "US"), ("UK", "GB")])
def test_common_forms(name: str, code: str) -> None:
    country = countries.find(name)
    assert country is not None
    assert country.code == code


def test_an_unknown_country_says_what_is_accepted() -> None:
    code, out, err = invoke("agencies", "--country", "Narnia")
    assert (code, out) == (1, "")
    assert err == (
        "spacecli: error: unknown country 'Narnia': give an ISO code (JP, JPN) or an English "
        "name (Japan, United States)\n"
    )


def test_agencies_take_a_country_name() -> None:
    by_name = json_of("agencies", "--country", "Japan")
    assert by_name == json_of("agencies", "--country", "JP")
    assert "JAXA" in [org["abbreviation"] for org in by_name]


def test_missions_between_countries() -> None:
    # a participant from each country given, intergovernmental bodies aside
    both = json_of(*SMALL, "missions", "--country", "AA", "--country", "BB")
    assert [c["id"] for c in both] == ["red-orbiter", "moon-hop"]
    china_france = json_of("missions", "--country", "China", "--country", "France")
    assert "tianwen-1" in [c["id"] for c in china_france]
    national = {"intergovernmental", "coordination"}
    chinese = {
        o["abbreviation"]
        for o in json_of("agencies", "--country", "CN")
        if o["kind"] not in national
    }
    french = {
        o["abbreviation"]
        for o in json_of("agencies", "--country", "FR")
        if o["kind"] not in national
    }
    assert "ESA" not in french  # based in Paris, but it stands for itself
    for collab in china_france:
        assert chinese & set(collab["organisations"])
        assert french & set(collab["organisations"])


def test_a_country_given_as_an_organisation_points_to_its_organisations() -> None:
    code, out, err = invoke("partners", "India")
    assert (code, out) == (1, "")
    assert err == (
        "spacecli: error: 'India' is a country, not an organisation: its organisations are "
        "AAI, Antrix, IIA, India Gov., ISRO; 'spacecli country India' shows the country\n"
    )
    _, _, err = invoke("partners", "Narnia")
    assert err.startswith("spacecli: error: unknown organisation 'Narnia' (did you mean")


def test_partners_by_country() -> None:
    found = json_of(*SMALL, "partners", "AA", "--by", "country")
    assert found == [
        {
            "code": "BB",
            "name": "BB",
            "shared_count": 2,
            "collaborations": [
                {"id": "red-orbiter", "name": "Red Orbiter"},
                {"id": "moon-hop", "name": "Moon Hop"},
            ],
        }
    ]
    shared = json_of(*SMALL, "partners", "AA", "BB", "--by", "country")
    assert [c["id"] for c in shared] == ["red-orbiter", "moon-hop"]
    # the bundled data: India's partner countries agree with `country India`
    india = json_of("country", "India")["partner_countries"]
    by_country = json_of("partners", "IN", "--by", "country")
    assert [(p["code"], p["shared_count"]) for p in by_country] == [
        (p["code"], p["shared"]) for p in india
    ]


def test_by_country_refuses_lineage() -> None:
    code, out, err = invoke("partners", "JP", "--by", "country", "--lineage")
    assert (code, out) == (2, "")
    assert "--by country cannot be combined with --lineage" in err


def test_matrix_and_graph_by_country_keep_bodies_as_themselves() -> None:
    graph = json_of(*SMALL, "graph", "--by", "country")
    assert [(e["source"], e["target"], e["weight"]) for e in graph["edges"]] == [
        ("country-aa", "country-bb", 2),
        ("country-aa", "gamma", 1),  # Gamma (intergovernmental) is not folded into BB
    ]
    assert json_of(*SMALL, "matrix", "AA", "BB", "GIO", "--by", "country") == [
        {"organisation": "AA", "AA": None, "BB": 2, "GIO": 1},
        {"organisation": "BB", "AA": 2, "BB": None, "GIO": 0},
        {"organisation": "GIO", "AA": 1, "BB": 0, "GIO": None},
    ]


def test_the_bundled_matrix_by_country_agrees_with_partners_by_country() -> None:
    (us, _) = json_of("matrix", "United States", "Russia", "--by", "country")
    assert us["RU"] == len(json_of("partners", "US", "RU", "--by", "country"))


def test_members_count_a_body_for_its_member_states_only_when_asked() -> None:
    # Gamma is intergovernmental with members BB and CC: asked, it counts for both
    plain = json_of(*SMALL, "graph", "--by", "country")
    assert {n["id"] for n in plain["nodes"]} == {"country-aa", "country-bb", "gamma"}
    expanded = json_of(*SMALL, "graph", "--by", "country", "--members")
    assert {n["id"] for n in expanded["nodes"]} == {"country-aa", "country-bb", "country-cc"}
    assert json_of(*SMALL, "partners", "CC", "--by", "country") == []
    (aa, bb) = json_of(*SMALL, "partners", "CC", "--by", "country", "--members")
    assert (aa["code"], aa["shared_count"], bb["code"], bb["shared_count"]) == ("AA", 1, "BB", 1)
    code, out, err = invoke(*SMALL, "matrix", "AAA", "BSA", "--members")
    assert (code, out) == (2, "")
    assert "--members only means something with --by country" in err


@pytest.mark.parametrize(
    ("row", "first", "second"),
    [("usa-russia-moon-mars", "US", "RU"), ("india-usa-mars", "IN", "US")],
)
def test_the_comparison_rows_in_countries_answer_from_the_data(
    row: str, first: str, second: str
) -> None:
    backing = next(r["collaborations"] for r in json_of("compare") if r["id"] == row)
    between = {c["id"] for c in json_of("partners", first, second, "--by", "country")}
    assert {c["id"] for c in backing} <= between
