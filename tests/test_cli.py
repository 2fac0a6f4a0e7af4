"""The command line through CliRunner on the small dataset: exit codes, streams, exact output."""

from __future__ import annotations

import json
import shlex
from typing import Any

import pytest
from typer.core import TyperGroup

from cli import commands, invoke
from spacecli import __version__

pytestmark = pytest.mark.usefixtures("small_cli")


def test_partners_json_lists_most_shared_first() -> None:
    code, out, err = invoke("partners", "alpha", "--json")
    assert (code, err) == (0, "")
    assert [(p["abbreviation"], p["shared_count"]) for p in json.loads(out)] == [
        ("BSA", 2),
        ("DCO", 1),
        ("GIO", 1),
    ]


def test_json_shorthand_equals_format_json() -> None:
    assert invoke("missions", "--json") == invoke("missions", "-f", "json")


def test_partners_of_two_lists_what_they_share_with_roles() -> None:
    code, out, _ = invoke("partners", "AAA", "Beta Space Agency", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "red-orbiter",
            "name": "Red Orbiter",
            "kind": "mission",
            "start": 2005,
            "end": 2020,
            "status": "completed",
            "roles": [
                {
                    "org": "alpha",
                    "role": "lead",
                    "contribution": None,
                    "since": None,
                    "until": None,
                },
                {
                    "org": "beta",
                    "role": "instrument",
                    "contribution": "Spectrometer",
                    "since": None,
                    "until": 2015,
                },
            ],
        },
        {
            "id": "moon-hop",
            "name": "Moon Hop",
            "kind": "mission",
            "start": 2024,
            "end": None,
            "status": "planned",
            "roles": [
                {"org": "beta", "role": "lead", "contribution": None, "since": None, "until": None},
                {
                    "org": "alpha",
                    "role": "contributor",
                    "contribution": "Landing radar",
                    "since": None,
                    "until": None,
                },
            ],
        },
    ]


def test_partners_table() -> None:
    code, out, err = invoke("partners", "alpha")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].rstrip() == "Partners of AAA"
    assert "│ BSA     │ 2      │ Red Orbiter, Moon Hop │" in out


def test_unknown_name_exits_1_with_one_line_on_stderr() -> None:
    code, out, err = invoke("partners", "AAAA")
    assert (code, out) == (1, "")
    assert err == "spacecli: error: unknown organisation 'AAAA' (did you mean AAA?)\n"


def test_unknown_mission_name() -> None:
    code, out, err = invoke("mission", "red orbitr", "--json")
    assert (code, out) == (1, "")
    assert err == (
        "spacecli: error: unknown mission or collaboration 'red orbitr' "
        "(did you mean Red Orbiter?)\n"
    )


def test_unknown_goal_is_a_usage_error_listing_goals() -> None:
    code, out, err = invoke("missions", "--goal", "marz")
    assert (code, out) == (2, "")
    assert "'marz' is not one of 'moon', 'mars'," in err
    assert "'cosmic-background'" in err


def test_goal_is_case_insensitive() -> None:
    code, out, _ = invoke("missions", "--goal", "MARS", "--json")
    assert code == 0
    assert [m["id"] for m in json.loads(out)] == ["red-orbiter"]


def test_missions_filters_combine() -> None:
    code, out, _ = invoke("missions", "--agency", "alpha", "--since", "2011", "--json")
    assert code == 0
    assert [m["id"] for m in json.loads(out)] == ["big-eye", "moon-hop"]
    assert json.loads(out)[0]["organisations"] == ["GIO", "AAA", "DCO"]


def test_empty_result_is_success() -> None:
    assert invoke("missions", "--goal", "sun", "--json") == (0, "[]\n", "")
    assert invoke("missions", "--goal", "sun") == (0, "", "no missions match\n")


def test_mission_detail_table_and_json() -> None:
    code, out, _ = invoke("mission", "RO")
    assert code == 0
    assert "Red Orbiter" in out
    assert "Left when its budget" in out  # wrapped to 80 columns
    code, out, _ = invoke("mission", "big-eye", "--json")
    record = json.loads(out)
    assert record["figures"] == [
        {"label": "researchers", "value": 400, "source": "https://gamma.example.org/team"}
    ]


def test_agency_detail_lists_collaborations_and_top_partners() -> None:
    code, out, _ = invoke("agency", "alpha", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["abbreviation"] == "AAA"
    assert [c["id"] for c in record["collaborations"]] == ["red-orbiter", "big-eye", "moon-hop"]
    assert record["top_partners"][0] == {"id": "beta", "abbreviation": "BSA", "shared_count": 2}


def test_agencies_filters() -> None:
    code, out, _ = invoke("agencies", "--country", "aa", "--json")
    assert [o["id"] for o in json.loads(out)] == ["alpha", "delta"]
    code, out, _ = invoke("agencies", "--kind", "intergovernmental", "--json")
    assert [o["id"] for o in json.loads(out)] == ["gamma"]
    code, out, err = invoke("agencies", "--kind", "club")
    assert code == 2
    assert "'agency', 'intergovernmental', 'institute', 'company', 'coordination'" in err


def test_compare_json() -> None:
    code, out, _ = invoke("compare", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "alpha-beta",
            "partners": "Alpha, Beta",
            "type": "Missions to Mars and the Moon",
            "collaborations": [
                {"id": "red-orbiter", "name": "Red Orbiter"},
                {"id": "moon-hop", "name": "Moon Hop"},
            ],
            "note": "Narrower than the wording suggests.",
        }
    ]


def test_version() -> None:
    assert invoke("--version") == (0, f"spacecli {__version__}\n", "")


def examples(help_text: str) -> list[list[str]]:
    """The command lines of the "Examples:" block of a help text, split into words."""
    lines = help_text.splitlines()
    start = lines.index("  Examples:") + 1
    block = lines[start : lines.index("", start)]
    assert block, help_text
    assert all(line.startswith("    spacecli ") for line in block), block
    return [shlex.split(line.split("|")[0].split(">")[0])[1:] for line in block]


def without_root_options(words: list[str]) -> list[str]:
    """`--data FILE data validate` -> `data validate`: the words from the command's name on."""
    while words and words[0].startswith("-"):
        words = words[2:] if words[0] == "--data" else words[1:]
    return words


COMMANDS = list(commands())


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) or "spacecli" for path, _ in COMMANDS]
)
def test_every_command_has_help_with_examples(path: tuple[str, ...], command: Any) -> None:
    """Every command and group, found in the command tree, answers --help with a summary
    and an Examples block of which one at least runs it."""
    assert command.help.strip()
    code, out, err = invoke(*path, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(" ".join(("Usage: spacecli", *path, "[OPTIONS]")))
    shown = [tuple(without_root_options(words)[: len(path)]) for words in examples(out)]
    assert path in shown
    if isinstance(command, TyperGroup):  # lists each of its commands with its summary
        listed = out.split("\nCommands:\n")[1].split("\n\n")[0].splitlines()
        assert sorted(line.split()[0] for line in listed) == sorted(command.commands)
        assert all(len(line.split()) > 1 for line in listed)


def test_the_command_tree_holds_the_data_group() -> None:
    assert [" ".join(path) for path, _ in COMMANDS if path[:1] == ("data",)] == [
        "data",
        "data audit",
        "data export",
        "data init",
        "data sources",
        "data validate",
    ]


def test_stats_json() -> None:
    code, out, err = invoke("stats", "--json")
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert {k: record[k] for k in ("organisations", "collaborations", "country_count")} == {
        "organisations": 4,
        "collaborations": 3,
        "country_count": 2,
    }
    assert record["by_goal"][:2] == [{"goal": "moon", "count": 1}, {"goal": "mars", "count": 1}]


def test_stats_table() -> None:
    code, out, _ = invoke("stats")
    assert code == 0
    assert "│ Countries taking part" in out
    assert "By goal" in out
