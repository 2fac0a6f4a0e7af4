"""Every command in every format through the CLI, on the bundled data, read back with each
format's real reader; field selection, streams, exit codes, colour, pipes and completion."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from cli import command_line, invoke, leaf_commands, option
from roundtrip import check_every_format, records
from spacecli import export, query, views
from spacecli.data import load
from spacecli.render import Format, use_colour

# Command lines with --format other than the one each command gets from ARGUMENTS.
MORE = [["partners", "NASA", "ESA"]]


def data_commands() -> list[list[str]]:
    """A command line for each command whose --format takes the data formats."""
    lines = [
        command_line(path)
        for path, command in leaf_commands()
        if (fmt := option(command, "--format")) and list(fmt.type.choices) == list(Format)
    ]
    return lines + MORE


def other_formats() -> list[tuple[list[str], str]]:
    """(command line, format) for each command whose --format has formats of its own."""
    return [
        (command_line(path), choice)
        for path, command in leaf_commands()
        if (fmt := option(command, "--format")) and list(fmt.type.choices) != list(Format)
        for choice in fmt.type.choices
    ]


@functools.cache
def answer(*command: str) -> str:
    """The output of `spacecli COMMAND --json`, which must exit 0 with nothing on stderr
    (`data audit` writes its one-line summary there).

    Kept: two tests below read the same answers.
    """
    code, out, err = invoke(*command, "--json")
    assert (code, quiet(command, err)) == (0, ""), err
    return out


def quiet(command: tuple[str, ...] | list[str], err: str) -> str:
    """stderr, less the summary line `data audit` writes there by design."""
    if list(command[:2]) == ["data", "audit"]:
        assert err.startswith("spacecli: "), err
        assert err.count("\n") == 1, err
        return ""
    return err


DATA_COMMANDS = data_commands()
IDS = [" ".join(c) for c in DATA_COMMANDS]


def test_the_loops_below_find_the_commands() -> None:
    """Walking the command tree finds the data group's commands and those with own formats."""
    assert ["data", "sources"] in DATA_COMMANDS
    assert {(" ".join(c), f) for c, f in other_formats()} == {
        *(("graph", f) for f in ("table", "csv", "json", "dot", "mermaid", "graphml")),
        *(("data export", f) for f in ("toml", "json", "csv", "sqlite")),
    }
    assert len(DATA_COMMANDS) == 18  # 15 commands, data sources and audit, partners of two


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=IDS)
def test_every_data_format_parses_back_to_the_json(command: list[str]) -> None:
    def text_of(fmt: Format) -> str:
        code, out, err = invoke(*command, "--format", fmt.value)
        assert (code, quiet(command, err)) == (0, ""), err
        return out

    name = command[1] if command[0] == "data" else command[0]
    positional = [word for word in command[1:] if not word.startswith("-")]
    shape = views.shape_for(name, {"other": positional[1] if len(positional) > 1 else None})
    payload = check_every_format(text_of, shape, exact=name != "matrix")
    assert records(payload), "the bundled data should answer every example command"
    assert answer(*command) == text_of(Format.JSON)  # --json is byte for byte --format json
    # and the table, piped, is plain: no colour, nothing cut, no padding at line ends
    table = text_of(Format.TABLE)
    assert table.endswith("\n")
    assert "\x1b[" not in table
    assert "…" not in table
    assert [line.rstrip() for line in table.splitlines()] == table.splitlines()


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def sqlite_counts(path: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        (orgs,) = db.execute("SELECT count(*) FROM organisations").fetchone()
        (collabs,) = db.execute("SELECT count(*) FROM collaborations").fetchone()
    return orgs, collabs


# How to read each format of the commands with formats of their own; a new format fails the
# test below until it has a reader here.
READERS: dict[str, Callable[[str], Any]] = {
    "table": lambda text: text.splitlines()[0],
    "csv": lambda text: rows(text)[0],
    "json": json.loads,
    "toml": tomllib.loads,
    "dot": lambda text: text.splitlines()[1],
    "mermaid": lambda text: text.splitlines()[1],
    "graphml": lambda text: ET.fromstring(text.encode()).tag,
}
# The bundled data's size: organisations, and the network's nodes and links.
ORGS = len(load().organisations)
COLLABS = len(load().collaborations)
WITHDRAWN = len(load().withdrawn)
NET = query.graph(load())
NODES, EDGES = len(NET.nodes), len(NET.edges)
EXPECTED = {
    ("graph", "table"): f"spacecli collaboration network: {NODES} organisations, {EDGES} links",
    ("graph", "csv"): list(views.LINK.names),
    ("graph", "dot"): "graph spacecli {",
    ("graph", "mermaid"): "graph LR",
    ("graph", "graphml"): "{http://graphml.graphdrawing.org/xmlns}graphml",
    ("data export", "csv"): list(export.PARTICIPATION_FIELDS),
}


@pytest.mark.parametrize(
    ("command", "fmt"), other_formats(), ids=[f"{' '.join(c)} {f}" for c, f in other_formats()]
)
def test_every_format_of_the_other_commands_reads_back(
    tmp_path: Path, command: list[str], fmt: str
) -> None:
    if fmt == "sqlite":  # a database, so a file
        target = tmp_path / "out.db"
        code, out, err = invoke(*command, "--format", fmt, "-o", str(target))
        assert (code, out) == (0, "")
        assert err == (
            f"wrote {target}: {ORGS} organisations, {COLLABS} collaborations, 8 comparison rows, "
            f"{WITHDRAWN} withdrawn ids\n"
        )
        assert sqlite_counts(target) == (ORGS, COLLABS)
        return
    code, out, err = invoke(*command, "--format", fmt)
    assert (code, err) == (0, "")
    read = READERS[fmt](out)
    name = " ".join(command)
    if (name, fmt) in EXPECTED:
        assert read == EXPECTED[name, fmt]
    elif name == "graph":  # json
        assert (len(read["nodes"]), len(read["edges"])) == (NODES, EDGES)
    else:  # data export json and toml: the same document
        assert list(read) == ["organisations", "collaborations", "comparisons", "withdrawn"]
        assert len(read["collaborations"]) == len(load().collaborations)


def test_every_format_is_tested_here() -> None:
    assert list(Format) == ["table", "json", "jsonl", "csv", "tsv", "markdown", "toml"]


def test_every_command_with_fields_lists_them_exactly() -> None:
    """The declared shapes (completion, the reference, "valid fields") name each command's
    keys, in order: the commands with --fields are those with a shape, and their JSON has
    exactly the keys of the shape the command line prints (partners: one name or two)."""
    with_fields = {path[-1] for path, command in leaf_commands() if option(command, "--fields")}
    assert set(views.SHAPES_BY_COMMAND) == with_fields
    for command in DATA_COMMANDS:
        keys = [list(record) for record in records(json.loads(answer(*command)))]
        assert keys, command
        name = command[1] if command[0] == "data" else command[0]
        positional = [word for word in command[1:] if not word.startswith("-")]
        shape = views.shape_for(name, {"other": positional[1] if len(positional) > 1 else None})
        assert shape is not None
        expected = list(shape.names)
        if name == "matrix":  # a field per organisation shown
            expected += [key for key in keys[0] if key != "organisation"]
        assert keys == [expected] * len(keys), command


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


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        (["missions", "--format", "jsonl"], b'{"id": "iaf", '),
        # 300 kB, more than a pipe holds: the write surely fails, not only when the reader
        # is quick to close.
        (["data", "export", "--format", "json"], b"{\n"),
    ],
    ids=["missions", "data-export"],
)
def test_closed_pipe_ends_quietly(command: list[str], first_line: bytes) -> None:
    with subprocess.Popen(
        [*SPACECLI, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        assert process.wait() == 0
    assert first.startswith(first_line)
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
    assert complete("bash", "spacecli partners NA") == [
        "NAL",
        "NAOJ",
        "NARIT",
        "NARSS",
        "NASA",
        "NASDA",
        "NASRDA",
    ]


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


def bash_completes(line: str) -> list[str]:
    """What TAB offers at the end of `line` in a real bash, through the script that
    `spacecli --show-completion bash` prints: the words as bash would insert them."""
    script = (
        'source <("$SPACECLI" --show-completion bash)\n'
        'read -ra COMP_WORDS <<< "$LINE"\n'
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        "_spacecli_completion spacecli\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    folder = str(Path(CONSOLE_SCRIPT).parent)
    env = {**os.environ, "SPACECLI": CONSOLE_SCRIPT, "LINE": line}
    env["PATH"] = f"{folder}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "--norc", "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stderr == ""
    return done.stdout.splitlines()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_names_as_typed_and_escapes_spaces() -> None:
    assert bash_completes("spacecli agency Japan") == [r"Japan\ Aerospace\ Exploration\ Agency"]
    assert bash_completes("spacecli mission Exo") == [
        r"ExoMars\ Rosalind\ Franklin\ rover",
        r"ExoMars\ Trace\ Gas\ Orbiter",
    ]
    assert bash_completes("spacecli mission exo") == ["exomars-rosalind-franklin", "exomars-tgo"]
    assert "esa" in bash_completes("spacecli partners nasa es")
    # a word that no name starts with in that case keeps the typed case
    assert bash_completes("spacecli partners nAS") == ["nASA", "nASDA", "nASRDA"]
    # the escaped completion is one argument when the command runs
    (name,) = bash_completes("spacecli agency Japan")
    run = subprocess.run(
        ["bash", "--norc", "-c", f'"$SPACECLI" agency {name} --json'],
        env={**os.environ, "SPACECLI": CONSOLE_SCRIPT},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout)["id"] == "jaxa"


def test_bash_completes_a_name_after_an_escaped_space() -> None:
    # bash passes the words joined by newlines, the current one still escaped
    env = {
        **os.environ,
        "_SPACECLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "spacecli\nmission\nExoMars\\ T",
        "COMP_CWORD": "2",
    }
    done = subprocess.run([CONSOLE_SCRIPT], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [r"ExoMars\ Trace\ Gas\ Orbiter"]
