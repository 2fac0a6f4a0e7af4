"""The command line through CliRunner on the small dataset: exit codes, streams, exact output."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from spacecli import __version__
from spacecli.cli import app
from spacecli.model import Dataset

pytestmark = pytest.mark.usefixtures("small_cli")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_partners_json_lists_most_shared_first(runner: CliRunner) -> None:
    code, out, err = run(runner, "partners", "alpha", "--json")
    assert (code, err) == (0, "")
    assert [(p["abbreviation"], p["shared_count"]) for p in json.loads(out)] == [
        ("BSA", 2),
        ("DCO", 1),
        ("GIO", 1),
    ]


def test_json_shorthand_equals_format_json(runner: CliRunner) -> None:
    assert run(runner, "missions", "--json") == run(runner, "missions", "-f", "json")


def test_partners_of_two_lists_what_they_share_with_roles(runner: CliRunner) -> None:
    code, out, _ = run(runner, "partners", "AAA", "Beta Space Agency", "--json")
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
                {"org": "alpha", "role": "lead", "contribution": None},
                {"org": "beta", "role": "instrument", "contribution": "Spectrometer"},
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
                {"org": "beta", "role": "lead", "contribution": None},
                {"org": "alpha", "role": "contributor", "contribution": "Landing radar"},
            ],
        },
    ]


def test_partners_table(runner: CliRunner) -> None:
    code, out, err = run(runner, "partners", "alpha")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].rstrip() == "Partners of AAA"
    assert "│ BSA     │ 2      │ Red Orbiter, Moon Hop │" in out


def test_unknown_name_exits_1_with_one_line_on_stderr(runner: CliRunner) -> None:
    code, out, err = run(runner, "partners", "AAAA")
    assert (code, out) == (1, "")
    assert err == "spacecli: error: unknown organisation 'AAAA' (did you mean AAA?)\n"


def test_unknown_mission_name(runner: CliRunner) -> None:
    code, out, err = run(runner, "mission", "red orbitr", "--json")
    assert (code, out) == (1, "")
    assert err == (
        "spacecli: error: unknown mission or collaboration 'red orbitr' "
        "(did you mean Red Orbiter?)\n"
    )


def test_unknown_goal_is_a_usage_error_listing_goals(runner: CliRunner) -> None:
    code, out, err = run(runner, "missions", "--goal", "marz")
    assert (code, out) == (2, "")
    assert "'marz' is not one of 'moon', 'mars'," in err
    assert "'cosmic-background'" in err


def test_goal_is_case_insensitive(runner: CliRunner) -> None:
    code, out, _ = run(runner, "missions", "--goal", "MARS", "--json")
    assert code == 0
    assert [m["id"] for m in json.loads(out)] == ["red-orbiter"]


def test_missions_filters_combine(runner: CliRunner) -> None:
    code, out, _ = run(runner, "missions", "--agency", "alpha", "--since", "2011", "--json")
    assert code == 0
    assert [m["id"] for m in json.loads(out)] == ["big-eye", "moon-hop"]
    assert json.loads(out)[0]["organisations"] == ["GIO", "AAA", "DCO"]


def test_empty_result_is_success(runner: CliRunner) -> None:
    assert run(runner, "missions", "--goal", "sun", "--json") == (0, "[]\n", "")
    assert run(runner, "missions", "--goal", "sun") == (0, "", "no missions match\n")


def test_mission_detail_table_and_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "mission", "RO")
    assert code == 0
    assert "Red Orbiter" in out
    assert "Left when its budget" in out  # wrapped to 80 columns
    code, out, _ = run(runner, "mission", "big-eye", "--json")
    record = json.loads(out)
    assert record["figures"] == [
        {"label": "researchers", "value": 400, "source": "https://gamma.example.org/team"}
    ]


def test_agency_detail_lists_collaborations_and_top_partners(runner: CliRunner) -> None:
    code, out, _ = run(runner, "agency", "alpha", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["abbreviation"] == "AAA"
    assert [c["id"] for c in record["collaborations"]] == ["red-orbiter", "big-eye", "moon-hop"]
    assert record["top_partners"][0] == {"id": "beta", "abbreviation": "BSA", "shared_count": 2}


def test_agencies_filters(runner: CliRunner, small: Dataset) -> None:
    code, out, _ = run(runner, "agencies", "--country", "aa", "--json")
    assert [o["id"] for o in json.loads(out)] == ["alpha", "delta"]
    code, out, _ = run(runner, "agencies", "--kind", "intergovernmental", "--json")
    assert [o["id"] for o in json.loads(out)] == ["gamma"]
    code, out, err = run(runner, "agencies", "--kind", "club")
    assert code == 2
    assert "'agency', 'intergovernmental', 'institute', 'company', 'coordination'" in err


def test_compare_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "compare", "--json")
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


def test_version_and_help(runner: CliRunner) -> None:
    assert run(runner, "--version") == (0, f"spacecli {__version__}\n", "")
    code, out, _ = run(runner, "--help")
    assert code == 0
    for command in ("agencies", "agency", "partners", "missions", "mission", "compare"):
        assert command in out


@pytest.mark.parametrize(
    "command", ["agencies", "agency", "partners", "missions", "mission", "compare", "stats"]
)
def test_every_command_has_help_with_examples(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert "Examples:" in out
    assert f"spacecli {command}" in out


def test_stats_json(runner: CliRunner) -> None:
    code, out, err = run(runner, "stats", "--json")
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert {k: record[k] for k in ("organisations", "collaborations", "country_count")} == {
        "organisations": 4,
        "collaborations": 3,
        "country_count": 2,
    }
    assert record["by_goal"][:2] == [{"goal": "moon", "count": 1}, {"goal": "mars", "count": 1}]


def test_stats_table(runner: CliRunner) -> None:
    code, out, _ = run(runner, "stats")
    assert code == 0
    assert "│ Countries taking part" in out
    assert "By goal" in out
