"""Every data command in every format, parsed back with the format's real reader."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roundtrip import check_every_format, records
from spacecli import views
from spacecli.cli import app
from spacecli.render import Format, use_colour

COMMANDS = [
    ["agencies"],
    ["agency", "NASA"],
    ["partners", "NASA"],
    ["partners", "NASA", "ESA"],
    ["missions", "--goal", "mars"],
    ["mission", "jwst"],
    ["compare"],
    ["stats"],
    ["search", "webb"],
    ["path", "ISRO", "CNSA"],
    ["matrix", "NASA", "ESA", "JAXA"],
    ["timeline", "--agency", "ISRO"],
    ["goals"],
]
IDS = [" ".join(c) for c in COMMANDS]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def as_json(command: list[str]) -> Any:
    code, out, err = invoke(*command, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_every_data_format_parses_back_to_the_json(command: list[str]) -> None:
    assert records(as_json(command)), "the bundled data should answer every example command"
    check_every_format(invoke, command, exact_markdown=True)


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_json_shorthand_is_byte_for_byte_format_json(command: list[str]) -> None:
    assert invoke(*command, "--json") == invoke(*command, "--format", "json")


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_piped_table_is_plain(command: list[str]) -> None:
    code, out, err = invoke(*command)
    assert (code, err) == (0, "")
    assert "\x1b[" not in out
    assert "…" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_every_format_is_tested_here() -> None:
    assert {f.value for f in Format} == {"table", "json", "jsonl", "csv", "tsv", "markdown", "toml"}


def test_every_command_is_tested_here() -> None:
    """Every command with --format takes part above; `graph` has its own formats and tests."""
    names = {command.name or command.callback.__name__ for command in app.registered_commands}
    assert names - {command[0] for command in COMMANDS} == {"graph"}


def test_every_command_lists_its_fields() -> None:
    """The declared shape (used by completion and the docs) is exactly the real output's keys."""
    for command in COMMANDS:
        keys = list(records(as_json(command))[0])
        shape = views.shape_for(command[0], {"other": command[2] if len(command) > 2 else None})
        assert shape is not None
        listed = shape.names
        if command[0] == "matrix":  # then a field per organisation asked for
            listed = (*listed, *command[1:])
        assert keys == list(listed), command


# -- field selection ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f.value for f in Format if f is not Format.TABLE])
def test_fields_limit_and_order_every_format(fmt: str) -> None:
    code, out, _ = invoke("missions", "--goal", "mars", "--fields", "status,id", "-f", fmt)
    assert code == 0
    if fmt == "json":
        assert list(json.loads(out)[0]) == ["status", "id"]
    elif fmt == "jsonl":
        assert list(json.loads(out.splitlines()[0])) == ["status", "id"]
    elif fmt in ("csv", "tsv"):
        assert out.splitlines()[0] == ("status,id" if fmt == "csv" else "status\tid")
    elif fmt == "markdown":
        assert out.splitlines()[0] == "| status | id |"
    else:
        assert list(tomllib.loads(out)["records"][0]) == ["status", "id"]


def test_fields_choose_table_columns() -> None:
    code, out, _ = invoke("partners", "ESA", "--fields", "abbreviation,shared_count")
    assert code == 0
    header = out.splitlines()[2]
    assert "Partner" in header
    assert "Shared" in header
    assert "Shared collaborations" not in out


def test_fields_on_a_detail_command() -> None:
    code, out, _ = invoke("mission", "jwst", "--json", "--fields", "name,status")
    assert code == 0
    assert json.loads(out) == {"name": "James Webb Space Telescope", "status": "active"}


def test_unknown_field_is_a_usage_error_listing_valid_fields() -> None:
    code, out, err = invoke("missions", "--fields", "id,nmae")
    assert (code, out) == (2, "")
    assert (
        "unknown field 'nmae'; valid fields: id, name, kind, goals, start, launch, end, "
        "status, organisations" in err
    )


# -- empty results, exit codes, streams ---------------------------------------------------


def test_empty_results_in_each_format() -> None:
    empty = ["missions", "--since", "2090"]
    assert invoke(*empty, "--json") == (0, "[]\n", "")
    assert invoke(*empty, "-f", "jsonl") == (0, "", "")
    assert invoke(*empty, "-f", "csv") == (
        0,
        "id,name,kind,goals,start,launch,end,status,organisations\n",
        "",
    )
    assert invoke(*empty) == (0, "", "no missions match\n")


def test_conflicting_json_and_format_is_a_usage_error() -> None:
    code, out, err = invoke("missions", "--json", "-f", "csv")
    assert (code, out) == (2, "")
    assert "--json conflicts with --format csv" in err


def test_invalid_data_file_exits_3(tmp_path: Path) -> None:
    broken = tmp_path / "data.toml"
    broken.write_text("[[organisations]]\nid = 'x'\n!\n", encoding="utf-8")
    assert invoke("--data", str(broken), "missions") == (
        3,
        "",
        f"spacecli: error: {broken}:3:1: TOML syntax error: Invalid statement\n",
    )


# -- colour -------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_rules(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_colour(_Tty() if tty else io.StringIO()) is expected


def test_force_color_colours_a_piped_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in invoke("missions", "--goal", "mars")[1]


def test_dumb_terminal_gets_plain_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    out = invoke("missions", "--goal", "mars")[1]
    assert "┃" not in out
    assert "|" in out


# -- processes: closed pipe and completion ------------------------------------------------

SPACECLI = [sys.executable, "-m", "spacecli"]
# Completion is keyed on the program name, so it runs through the installed console script.
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("spacecli"))


def test_closed_pipe_ends_quietly() -> None:
    with subprocess.Popen(
        [*SPACECLI, "missions", "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        assert process.wait() == 0
    assert json.loads(first)["id"]
    assert err == b""


def complete(shell: str, words: str) -> list[str]:
    env = {**os.environ, "_SPACECLI_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env.update({"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)})
    else:
        env.update({"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"})
    done = subprocess.run(
        [CONSOLE_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr == ""
    return done.stdout.split()


def test_completion_of_agency_names_in_bash() -> None:
    assert complete("bash", "spacecli partners NA") == ["NAOJ", "NASA", "NASDA"]


def test_completion_of_missions_goals_and_formats_in_fish() -> None:
    assert complete("fish", "spacecli missions --goal m") == [
        "moon",
        "mars",
        "microgravity-research",
    ]
    assert "markdown" in complete("fish", "spacecli missions -f ")


def test_completion_of_collaborations_and_fields_in_zsh() -> None:
    assert complete("zsh", "spacecli mission jw") == ["_arguments", "'*:", ':(("jwst"))\'']
    assert complete("bash", "spacecli missions --fields id,na") == ["id,name"]


def test_completion_reads_the_data_files_on_the_command_line() -> None:
    example = str(Path(__file__).resolve().parent.parent / "examples" / "our-cubesat.toml")
    assert complete("bash", f"spacecli --data {example} partners Our") == ["OurSchool"]
    assert complete("bash", "spacecli partners Our") == []
