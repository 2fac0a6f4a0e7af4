"""The loader: it builds the model from TOML and reports every problem in editor's terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacecli.data import bundled_path, load, loads
from spacecli.errors import DataError
from spacecli.model import CollabKind, Dataset, Goal, OrgKind, Role, Status

GOOD_ORG = """
[[organisations]]
id = "alpha"
abbreviation = "AAA"
name = "Alpha Space Agency"
kind = "agency"
countries = ["AA"]
sources = ["https://alpha.example.org/"]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        loads(text.encode(), "test.toml")
    return list(caught.value.problems)


def test_fixture_builds_frozen_model(small: Dataset) -> None:
    alpha = small.organisation("alpha")
    assert alpha.kind is OrgKind.AGENCY
    assert alpha.countries == ("AA",)
    assert alpha.aliases == ("Alpha",)
    orbiter = small.collaboration("red-orbiter")
    assert orbiter.kind is CollabKind.MISSION
    assert orbiter.goals == (Goal.MARS,)
    assert orbiter.status is Status.COMPLETED
    assert (orbiter.start, orbiter.launch, orbiter.end) == (2005, 2010, 2020)
    beta = orbiter.participants[1]
    assert (beta.org, beta.role, beta.contribution, beta.until) == (
        "beta",
        Role.INSTRUMENT,
        "Spectrometer",
        2015,
    )
    assert small.comparisons[0].collaborations == ("red-orbiter", "moon-hop")
    with pytest.raises(AttributeError):
        alpha.name = "changed"  # type: ignore[misc]


def test_names_resolve_case_and_punctuation_insensitively(small: Dataset) -> None:
    assert small.find_organisation("alpha space AGENCY") == small.organisation("alpha")
    assert small.find_organisation("aaa") == small.organisation("alpha")
    assert small.find_collaboration("r.o.") == small.collaboration("red-orbiter")
    assert small.find_organisation("nobody") is None


def test_unknown_key_is_named_with_a_suggestion() -> None:
    text = GOOD_ORG.replace('kind = "agency"', 'kind = "agency"\ncountrys = ["AA"]')
    assert problems(text) == [
        "test.toml: organisations[0] (id 'alpha'): unknown key 'countrys' (did you mean countries?)"
    ]


def test_wrong_type_and_vocabulary_are_reported_together() -> None:
    text = GOOD_ORG.replace('kind = "agency"', 'kind = "agencyy"').replace(
        'countries = ["AA"]', 'countries = "AA"'
    )
    assert problems(text) == [
        "test.toml: organisations[0] (id 'alpha'): 'kind' = 'agencyy' is not one of: "
        "agency, intergovernmental, institute, company, coordination, government (did you mean "
        "agency?)",
        "test.toml: organisations[0] (id 'alpha'): 'countries' must be an array of strings, "
        "not a string",
    ]


def test_duplicate_ids_and_shared_aliases() -> None:
    second = GOOD_ORG.replace('abbreviation = "AAA"', 'abbreviation = "AAA2"').replace(
        'name = "Alpha Space Agency"', 'name = "Another"'
    )
    third = (
        GOOD_ORG.replace('id = "alpha"', 'id = "gamma"')
        .replace('abbreviation = "AAA"', 'abbreviation = "GGG"')
        .replace('name = "Alpha Space Agency"', 'name = "Gamma"\naliases = ["aaa"]')
    )
    assert problems(GOOD_ORG + second + third) == [
        "test.toml: organisations: duplicate id 'alpha'",
        "test.toml: organisations (id 'gamma'): the name 'aaa' is also a name of 'alpha' "
        "('AAA'); names and aliases must identify one record",
    ]


def test_unknown_participant_and_comparison_reference_suggest_ids() -> None:
    text = (
        GOOD_ORG
        + """
[[collaborations]]
id = "one"
name = "One"
kind = "mission"
goals = ["mars"]
start = 2000
status = "active"
summary = "x"
sources = ["https://example.org/"]
[[collaborations.participants]]
org = "alpah"
role = "lead"

[[comparisons]]
id = "row"
partners = "A"
type = "B"
collaborations = ["onee"]
"""
    )
    assert problems(text) == [
        "test.toml: collaborations (id 'one'): participant 'org' = 'alpah' is not an "
        "organisation id (did you mean alpha?)",
        "test.toml: comparisons (id 'row'): 'collaborations' names 'onee', which is not a "
        "collaboration id (did you mean one?)",
    ]


def test_collaboration_field_checks() -> None:
    text = (
        GOOD_ORG
        + """
[[collaborations]]
id = "Bad Id"
name = ""
kind = "mission"
goals = ["marz"]
start = 2010
end = 2001
status = "active"
summary = "x"
sources = ["http://example.org/"]
"""
    )
    where = "test.toml: collaborations[0] (id 'Bad Id')"
    assert problems(text) == [
        f"{where}: 'id' = 'Bad Id' must be lower-case letters, digits and single hyphens",
        f"{where}: 'name' must not be empty",
        f"{where}: 'goals': 'marz' is not a goal; goals are: moon, mars, planetary-science, "
        "exoplanets, cosmic-background, astronomy, sun, fundamental-physics, earth-observation, "
        "microgravity-research, human-spaceflight, cargo, launch-services, navigation, "
        "telecommunications, space-safety, technology-demonstration, coordination (did you mean "
        "mars?)",
        f"{where}: 'end' = 2001 is before 'start' = 2010",
        f"{where}: 'sources': 'http://example.org/' is not an https:// URL",
        f"{where}: needs at least one [[collaborations.participants]] entry",
    ]


def test_syntax_error_gives_line_and_column() -> None:
    assert problems('[[organisations]]\nid = "x\n') == [
        "test.toml:2:8: TOML syntax error: Illegal character '\\n'"
    ]


def test_not_utf8() -> None:
    with pytest.raises(DataError) as caught:
        loads(b'id = "\xff"', "bad.toml")
    assert str(caught.value) == "bad.toml: not UTF-8 text (byte 0xff at offset 6)"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load(tmp_path / "nope.toml", bundled=False)
    with pytest.raises(DataError, match="is a folder, not a data file"):
        load(tmp_path, bundled=False)


def test_unknown_top_level_key() -> None:
    assert problems("organisation = []\n") == [
        "test.toml: unknown top-level key 'organisation' (did you mean organisations?)"
    ]


def test_bundled_data_file_is_found() -> None:
    path = bundled_path()
    assert path.name == "collaborations.toml"
    assert path.is_file()
