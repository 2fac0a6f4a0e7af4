"""Your own data: overlay order and replacement, `data sources`, and `data validate`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli import invoke, json_of
from spacecli import data as datafiles

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.toml"

# A file that adds one organisation and one collaboration with a bundled partner, and
# replaces the bundled CSA record with a renamed one.
MINE = """
[[organisations]]
id = "my-school"
abbreviation = "MYS"
name = "My School"
kind = "institute"
countries = ["NZ"]
sources = ["https://www.example.org/school"]

[[organisations]]
id = "csa"
abbreviation = "CSA"
name = "Canadian Space Agency (replaced)"
kind = "agency"
countries = ["CA"]
sources = ["https://www.example.org/csa"]

[[collaborations]]
id = "my-cubesat"
name = "My CubeSat"
kind = "mission"
goals = ["earth-observation"]
start = 2025
status = "planned"
summary = "A class project."
sources = ["https://www.example.org/cubesat"]

[[collaborations.participants]]
org = "my-school"
role = "lead"

[[collaborations.participants]]
org = "esa"
role = "partner"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- layers -------------------------------------------------------------------------------


def test_layers_apply_bundled_then_environment_then_command_line(tmp_path: Path) -> None:
    environ = {"SPACECLI_DATA": os.pathsep.join(["a.toml", "", "b.toml"])}
    found = datafiles.layers([Path("c.toml")], environ=environ)
    assert [(layer.path.name, layer.origin) for layer in found] == [
        ("collaborations.toml", "bundled"),
        ("a.toml", "SPACECLI_DATA"),
        ("b.toml", "SPACECLI_DATA"),
        ("c.toml", "--data"),
    ]
    assert datafiles.layers([], bundled=False, environ={}) == ()


def test_overlay_adds_new_ids_and_replaces_known_ones(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.toml", MINE)
    assert json_of("--data", str(mine), "agency", "CSA", "--fields", "name") == {
        "name": "Canadian Space Agency (replaced)"
    }
    partners = json_of("--data", str(mine), "partners", "My School")
    assert [p["id"] for p in partners] == ["esa"]
    # The replaced record keeps its place in the data: CSA's collaborations still count.
    assert json_of("--data", str(mine), "partners", "CSA")[0]["abbreviation"] == "NASA"
    # Without the file, none of it is there.
    code, _, err = invoke("partners", "My School")
    assert code == 1
    assert "unknown organisation 'My School'" in err


def test_later_files_win(tmp_path: Path) -> None:
    first = write(tmp_path, "first.toml", MINE)
    second = write(
        tmp_path,
        "second.toml",
        MINE.replace("(replaced)", "(second)").split("[[collaborations]]")[0],
    )
    name = json_of("--data", str(first), "--data", str(second), "agency", "csa", "--fields", "name")
    assert name == {"name": "Canadian Space Agency (second)"}
    env = {"SPACECLI_DATA": str(second)}
    # The command line comes after the environment, so --data first.toml wins here.
    assert json_of("--data", str(first), "agency", "csa", "--fields", "name", env=env) == {
        "name": "Canadian Space Agency (replaced)"
    }


def test_no_bundled_answers_from_your_files_alone() -> None:
    missions = json_of("--no-bundled", "--data", str(SMALL), "missions")
    assert [m["id"] for m in missions] == ["red-orbiter", "big-eye", "moon-hop"]
    assert invoke("--no-bundled", "missions") == (0, "", "no missions match\n")


def test_environment_variable_with_two_files(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.toml", MINE)
    env = {"SPACECLI_DATA": os.pathsep.join([str(SMALL), str(mine)])}
    ids = {org["id"] for org in json_of("agencies", env=env)}
    bundled = {org.id for org in datafiles.load().organisations}
    small = {org.id for org in datafiles.load(SMALL, bundled=False).organisations}
    assert ids == bundled | small | {"my-school"}  # and csa, replaced, once
    assert {"alpha", "my-school", "nasa"} < ids


def test_data_sources_lists_files_with_what_they_add_and_replace(tmp_path: Path) -> None:
    mine = write(tmp_path, "mine.toml", MINE)
    code, out, err = invoke("--data", str(mine), "data", "sources", "--json")
    assert code == 0
    # An overlay never replaces a record silently: a note on stderr names it.
    assert err == f"spacecli: note: {mine} replaces the organisation 'csa' of an earlier file\n"
    assert invoke("--data", str(mine), "data", "validate").err == err
    rows = json.loads(out)
    bundled = datafiles.load()
    assert rows == [
        {
            "position": 1,
            "origin": "bundled",
            "path": str(datafiles.bundled_path()),
            "organisations": len(bundled.organisations),
            "collaborations": len(bundled.collaborations),
            "comparisons": len(bundled.comparisons),
            "added": len(bundled.organisations)
            + len(bundled.collaborations)
            + len(bundled.comparisons),
            "replaced": 0,
            "problems": 0,
        },
        {
            "position": 2,
            "origin": "--data",
            "path": str(mine),
            "organisations": 2,
            "collaborations": 1,
            "comparisons": 0,
            "added": 2,
            "replaced": 1,
            "problems": 0,
        },
    ]
    assert invoke("--no-bundled", "data", "sources") == (
        0,
        "",
        "no data files in effect: --no-bundled without --data or SPACECLI_DATA\n",
    )


# -- validate -----------------------------------------------------------------------------


def validate(folder: Path, text: str | bytes, *, alone: bool = True) -> tuple[int, str, list[str]]:
    path = folder / "mine.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    args = ["--no-bundled"] if alone else []
    code, out, err = invoke(*args, "data", "validate", str(path))
    return code, out, [line.replace(str(path), "mine.toml") for line in err.splitlines()]


def test_validate_passes_a_good_file_on_its_own_and_as_an_overlay(tmp_path: Path) -> None:
    code, out, err = invoke("--no-bundled", "data", "validate", str(SMALL))
    assert (code, out, err) == (
        0,
        "valid: 1 file, 4 organisations, 3 collaborations, 1 comparison row\n",
        "",
    )
    mine = write(tmp_path, "mine.toml", MINE)
    code, out, _ = invoke("data", "validate", str(mine))
    bundled = datafiles.load()
    assert (code, out) == (
        0,
        f"valid: 2 files, {len(bundled.organisations) + 1} organisations, "
        f"{len(bundled.collaborations) + 1} collaborations, "
        f"{len(bundled.comparisons)} comparison rows, {len(bundled.withdrawn)} withdrawn ids\n",
    )
    # On its own, MINE's reference to the bundled ESA does not resolve.
    code, out, err = invoke("--no-bundled", "data", "validate", str(mine))
    assert (code, out) == (3, "")
    assert "participant 'org' = 'esa' is not an organisation id" in err


BAD_RECORDS = """
[[organisations]]
id = "one"
abbreviation = "ONE"
name = ""
kind = "space agency"
countries = "FR"
sources = ["http://insecure.example.org/"]
colour = "red"

[[organisations]]
id = "two"
abbreviation = "TWO"
name = "Two"
aliases = ["one two", "ONE TWO"]
kind = "agency"
countries = ["FR"]
sources = ["https://two.example.org/"]

[[organisations]]
id = "three"
abbreviation = "THREE"
name = "One Two"
kind = "agency"
countries = ["FR"]
sources = ["https://three.example.org/"]

[[organisations]]
id = "three"
abbreviation = "THREE-AGAIN"
name = "Three again"
kind = "agency"
countries = ["FR"]
sources = ["https://three.example.org/"]

[[collaborations]]
id = "late"
name = "Late"
launch = "soon"
kind = "mission"
goals = ["mars", "venus"]
start = 2020
end = 2010
status = "done"
summary = "Ends before it starts."
sources = ["https://late.example.org/"]

[[collaborations.participants]]
org = "twoo"
role = "lead"
since = 2015
until = 2012

[[comparisons]]
id = "row"
partners = "Two, Three"
type = "x"
collaborations = ["nope"]
"""


def test_validate_reports_every_problem_with_file_record_and_key(tmp_path: Path) -> None:
    code, out, err = validate(tmp_path, BAD_RECORDS)
    assert (code, out) == (3, "")
    assert err == [
        "spacecli: error: mine.toml: organisations[0] (id 'one'): unknown key 'colour'",
        "spacecli: error: mine.toml: organisations[0] (id 'one'): 'name' must not be empty",
        "spacecli: error: mine.toml: organisations[0] (id 'one'): 'kind' = 'space agency' is not "
        "one of: agency, intergovernmental, institute, company, coordination, government (did you "
        "mean "
        "agency?)",
        "spacecli: error: mine.toml: organisations[0] (id 'one'): 'countries' must be an array of "
        "strings, not a string",
        "spacecli: error: mine.toml: organisations[0] (id 'one'): 'sources': "
        "'http://insecure.example.org/' is not an https:// URL",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): 'goals': 'venus' is not a "
        "goal; goals are: moon, mars, planetary-science, exoplanets, cosmic-background, "
        "astronomy, sun, fundamental-physics, earth-observation, microgravity-research, "
        "human-spaceflight, cargo, launch-services, navigation, telecommunications, space-safety, "
        "technology-demonstration, coordination",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): 'launch' must be a year (an "
        "integer), not a string",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): 'end' = 2010 is before "
        "'start' = 2020",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): 'status' = 'done' is not one "
        "of: planned, active, completed, failed, cancelled",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): participants[0]: 'until' = "
        "2012 is before 'since' = 2015",
        "spacecli: error: mine.toml: organisations: duplicate id 'three'",
        "spacecli: error: mine.toml: organisations (id 'three'): the name 'One Two' is also a name "
        "of 'two' ('one two'); names and aliases must identify one record",
        "spacecli: error: mine.toml: comparisons (id 'row'): 'collaborations' names 'nope', which "
        "is not a collaboration id",
        "spacecli: error: mine.toml: collaborations[0] (id 'late'): participant 'org' = 'twoo' is "
        "not an organisation id (did you mean two?)",
        "spacecli: 14 problems in 1 file",
    ]


def test_two_aliases_of_one_record_may_look_alike_but_not_two_records(tmp_path: Path) -> None:
    # "one two" and "ONE TWO" are both aliases of 'two': not a problem; 'three' using it is.
    _, _, err = validate(tmp_path, BAD_RECORDS)
    assert sum("is also a name of" in line for line in err) == 1


def test_a_name_shared_with_the_bundled_data_names_both_files(tmp_path: Path) -> None:
    clash = MINE.replace('name = "My School"', 'name = "My School"\naliases = ["nasa"]')
    code, out, err = validate(tmp_path, clash, alone=False)
    assert (code, out) == (3, "")
    assert err[0] == (
        "spacecli: error: mine.toml: organisations (id 'my-school'): the name 'nasa' is also a "
        f"name of 'nasa' ('nasa') in {datafiles.bundled_path()}; names and aliases must identify "
        "one record"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[[organisations]]\nid = "x"\nname = "unterminated\n',
            "mine.toml:3:21: TOML syntax error: Illegal character '\\n'",
        ),
        (b'name = "caf\xe9"', "mine.toml: not UTF-8 text (byte 0xe9 at offset 11)"),
        (
            "",
            "mine.toml: holds no records: add [[organisations]], [[collaborations]] or "
            "[[comparisons]]",
        ),
        (
            "# only a comment\n",
            "mine.toml: holds no records: add [[organisations]], "
            "[[collaborations]] or [[comparisons]]",
        ),
        (
            "organisations = 3",
            "mine.toml: organisations: must be an array of tables "
            "([[organisations]]), not an integer",
        ),
        (
            '[[organisations]]\nid = "Bad Id"',
            "mine.toml: organisations[0] (id 'Bad Id'): 'id' = "
            "'Bad Id' must be lower-case letters, digits and single hyphens",
        ),
        (
            '[[organisations]]\nid = "x"\nabbreviation = "X"\nname = "X"\nkind = "agency"\n'
            'countries = []\nsources = ["https://x.example.org/"]\nfounded = 99999\n',
            "mine.toml: organisations[0] (id 'x'): 'founded' = 99999 is not a year between "
            "1000 and 2100",
        ),
        (
            '[[organisations]]\nid = "x"\nabbreviation = "X"\nname = "X"\nkind = "agency"\n'
            "countries = []\nsources = []\n",
            "mine.toml: organisations[0] (id 'x'): 'sources' must not be empty",
        ),
    ],
    ids=[
        "syntax",
        "not-utf8",
        "empty",
        "comment-only",
        "wrong-type",
        "bad-id",
        "year",
        "no-source",
    ],
)
def test_validate_file_level_problems(tmp_path: Path, content: str | bytes, message: str) -> None:
    code, out, err = validate(tmp_path, content)
    assert (code, out) == (3, "")
    assert err[0] == f"spacecli: error: {message}"
    assert err[-1].startswith("spacecli: ")


def test_validate_a_folder_and_a_missing_path(tmp_path: Path) -> None:
    code, out, err = invoke("--no-bundled", "data", "validate", str(tmp_path), "nope.toml")
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        f"spacecli: error: {tmp_path}: is a folder, not a data file",
        "spacecli: error: nope.toml: no such file",
        "spacecli: 2 problems in 2 files",
    ]


def test_validate_with_nothing_to_check() -> None:
    assert invoke("--no-bundled", "data", "validate") == (
        1,
        "",
        "spacecli: error: nothing to check: give a file, or leave out --no-bundled\n",
    )


def test_other_commands_show_a_few_problems_and_point_to_validate(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", BAD_RECORDS)
    code, out, err = invoke("--data", str(bad), "agencies")
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert len(lines) == 4
    assert lines[0] == f"spacecli: error: {bad}: organisations[0] (id 'one'): unknown key 'colour'"
    assert lines[-1] == (
        "spacecli: error: ... and 11 more problems; 'spacecli data validate' lists them all"
    )


def test_a_broken_overlay_is_an_error_for_every_command(tmp_path: Path) -> None:
    assert invoke("--data", str(tmp_path / "nope.toml"), "stats") == (
        3,
        "",
        f"spacecli: error: {tmp_path / 'nope.toml'}: no such file\n",
    )
