"""Trying to break spacecli: bad data files, data that talks to the terminal, odd command
lines. Every answer is a short message and an exit code, never a traceback or a mess."""

from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cli import command_line, invoke, json_of, leaf_commands
from roundtrip import check_every_format
from spacecli import views
from spacecli.render import Format

CORPUS = Path(__file__).parent / "corpus"


def assert_one_short_answer(code: int, out: str, err: str, named: str, problem: str) -> None:
    """Exit 3, nothing on stdout, at most four lines on stderr naming the file and problem."""
    lines = err.splitlines()
    assert (code, out) == (3, ""), err
    assert 1 <= len(lines) <= 4, err
    assert all(line.startswith("spacecli: error: ") for line in lines), err
    assert all(len(line) <= 400 for line in lines), err
    assert named in lines[0], err
    assert problem in err, err
    assert "Traceback" not in err


# -- the corpus of broken files -----------------------------------------------------------

CORPUS_PROBLEMS = {
    "syntax-error.toml": ":3:13: TOML syntax error: Illegal character",
    "wrong-types.toml": "'id' must be a string, not an integer",
    "missing-keys.toml": "missing required key 'name'",
    "unknown-references.toml": "participant 'org' = 'nobody' is not an organisation id",
    "duplicate-ids.toml": "duplicate id 'twin'",
    "colliding-aliases.toml": "the name 'NASA' is also a name of 'nasa'",
    "wrong-vocabulary.toml": "'kind' = 'space agency' is not one of",
    "empty.toml": "holds no records",
    "only-comment.toml": "holds no records",
}


def test_the_corpus_is_all_here() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(CORPUS_PROBLEMS)


# Every command that reads the data, from the command tree, but `data init` (reads none),
# `data sources` (describes broken files too) and `data validate` (lists every problem).
READING = [
    command_line(path)
    for path, _ in leaf_commands()
    if path not in {("data", "init"), ("data", "sources"), ("data", "validate")}
]
# Each command meets one broken file, and each file at least one command: the error path is
# the same for all, so the whole cross product would only repeat itself.
BROKEN = [
    (command, *sorted(CORPUS_PROBLEMS.items())[number % len(CORPUS_PROBLEMS)])
    for number, command in enumerate(READING)
]


def test_every_broken_file_meets_a_command() -> None:
    assert len(READING) >= len(CORPUS_PROBLEMS)
    assert {name for _, name, _ in BROKEN} == set(CORPUS_PROBLEMS)


@pytest.mark.parametrize(
    ("command", "name", "problem"), BROKEN, ids=[f"{' '.join(c)}-{n}" for c, n, _ in BROKEN]
)
def test_a_broken_file_is_one_short_answer(command: list[str], name: str, problem: str) -> None:
    path = CORPUS / name
    code, out, err = invoke("--data", str(path), *command)
    assert_one_short_answer(code, out, err, str(path), problem)
    code, out, err = invoke("--data", str(path), *command, "--help")  # help needs no data
    assert (code, err) == (0, "")


def test_data_sources_counts_the_problems_of_a_broken_file() -> None:
    rows = json_of("--data", str(CORPUS / "duplicate-ids.toml"), "data", "sources")
    assert [(row["origin"], row["problems"]) for row in rows] == [("bundled", 0), ("--data", 1)]


@pytest.mark.parametrize(("name", "problem"), sorted(CORPUS_PROBLEMS.items()))
def test_validate_lists_all_problems_of_a_broken_file(name: str, problem: str) -> None:
    code, out, err = invoke("data", "validate", str(CORPUS / name))
    assert (code, out) == (3, "")
    assert problem in err
    count = len(err.splitlines()) - 1
    assert err.splitlines()[-1] == (
        f"spacecli: {count} {'problem' if count == 1 else 'problems'} in 2 files"
    )


def generated(tmp_path: Path, kind: str) -> Path:
    """Broken files too big, too binary or too odd to keep in the repository."""
    path = tmp_path / f"{kind}.toml"
    rng = random.Random(kind)
    if kind == "binary-garbage":
        path.write_bytes(rng.randbytes(4096))
    elif kind == "not-utf8":
        path.write_bytes('[[organisations]]\nid = "caf\xe9"\n'.encode("latin-1"))
    elif kind == "deep-arrays":
        path.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    elif kind == "deep-tables":
        path.write_text("a = " + "{ b = " * 50_000 + "1" + " }" * 50_000 + "\n", encoding="utf-8")
    elif kind == "deep-dotted-tables":
        path.write_text("[" + ".".join(["t"] * 20_000) + "]\nx = 1\n", encoding="utf-8")
    elif kind == "huge-string":
        huge = "x" * 4_000_000
        path.write_text(f'[[organisations]]\nid = "{huge}"\nblob = "{huge}"\n', encoding="utf-8")
    elif kind == "nul-bytes":
        path.write_bytes(b'[[organisations]]\nid = "a\x00b"\n')
    return path


GENERATED_PROBLEMS = {
    "binary-garbage": "not UTF-8 text",
    "not-utf8": "not UTF-8 text (byte 0xe9 at offset 27)",
    "deep-arrays": "TOML syntax error: nested too deeply",
    "deep-tables": "TOML syntax error: nested too deeply",
    # 20,000 parts: refused before the TOML parser, quadratic on such keys in Python 3.11.
    "deep-dotted-tables": "a key has 20000 dotted parts; at most 100",
    # A 4 MB id is a valid id; the messages quote it cut short.
    "huge-string": "(id '" + "x" * 49 + "...'): unknown key 'blob'",
    "nul-bytes": "TOML syntax error",
}


@pytest.mark.parametrize(("kind", "problem"), sorted(GENERATED_PROBLEMS.items()))
def test_generated_broken_files(tmp_path: Path, kind: str, problem: str) -> None:
    path = generated(tmp_path, kind)
    code, out, err = invoke("--data", str(path), "agencies")
    assert_one_short_answer(code, out, err, str(path), problem)


def test_a_folder_a_missing_file_and_an_unreadable_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = invoke("--data", str(tmp_path), "agencies")
    assert_one_short_answer(code, out, err, str(tmp_path), "is a folder, not a data file")
    missing = tmp_path / "missing.toml"
    code, out, err = invoke("--data", str(missing), "agencies")
    assert_one_short_answer(code, out, err, str(missing), "no such file")

    locked = tmp_path / "locked.toml"
    locked.write_text("", encoding="utf-8")
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:  # as chmod 000 would, even for root, who can read anything
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    code, out, err = invoke("--data", str(locked), "agencies")
    assert_one_short_answer(code, out, err, str(locked), "cannot read: Permission denied")


def test_several_broken_files_at_once_stay_short(tmp_path: Path) -> None:
    args = [arg for name in CORPUS_PROBLEMS for arg in ("--data", str(CORPUS / name))]
    code, out, err = invoke(*args, "missions")
    assert (code, out) == (3, "")
    assert len(err.splitlines()) == 4
    assert "more problems; 'spacecli data validate' lists them all" in err


# -- data that talks to the terminal ------------------------------------------------------

HOSTILE = {
    "markup": "[bold red]x[/] [link=https://evil.example]click[/link]",
    "ansi": "\x1b[31mRED\x1b[0m\x1b]0;title\x07",
    "carriage return": "shown\roverwritten",
    "windows line break": "first\r\nsecond",
    "controls": "bell\x07 backspace\x08 nul-free",
    "long word": "Supercalifragilistic" * 15,
    "right to left": "وكالة الفضاء \u202eevil\u202c עברית",
    "emoji": "🚀🛰️👩‍🚀",
}


def hostile_file(folder: Path) -> Path:
    """A valid data file whose names and summaries hold every string in HOSTILE."""
    lines = []
    for number, (label, text) in enumerate(HOSTILE.items()):
        quoted = json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's for these
        lines.append(
            f'[[organisations]]\nid = "hostile-{number}"\nabbreviation = {json.dumps(label)}\n'
            f'name = {quoted}\nkind = "agency"\ncountries = []\n'
            'sources = ["https://example.org/"]\n'
        )
    lines.append(
        '[[collaborations]]\nid = "hostile"\nname = "Hostile"\nkind = "mission"\n'
        'goals = ["moon"]\nstart = 2020\nstatus = "active"\n'
        f"summary = {json.dumps(' | '.join(HOSTILE.values()), ensure_ascii=False)}\n"
        'sources = ["https://example.org/"]\n'
    )
    for number in range(len(HOSTILE)):
        lines.append(
            f'[[collaborations.participants]]\norg = "hostile-{number}"\nrole = "partner"\n'
            f"contribution = {json.dumps(list(HOSTILE.values())[number], ensure_ascii=False)}\n"
        )
    path = folder / "hostile.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    tomllib.loads(path.read_text(encoding="utf-8"))
    return path


@pytest.mark.parametrize("colour", [False, True], ids=["piped", "coloured"])
def test_tables_show_hostile_text_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
    path = hostile_file(tmp_path)
    for command in (["agencies"], ["mission", "hostile"], ["partners", "markup"]):
        code, out, err = invoke("--no-bundled", "--data", str(path), "--", *command)
        assert (code, err) == (0, ""), err
        plain = out.replace("\x1b[0m", "")
        if command != ["partners", "markup"]:  # which shows abbreviations only
            assert "[bold red]x[/]" in out  # markup shown, not obeyed
        assert "\x1b[31mRED" not in out  # the data's escape never reaches the terminal raw
        assert "\x1b]0;" not in out
        assert "\r" not in out
        assert "\x07" not in out
        assert "\x08" not in out
        assert "\u202e" not in out
        if not colour:
            assert "\x1b" not in out
        if command == ["mission", "hostile"]:
            assert "\\x1b[31mRED\\x1b[0m" in plain
            assert "shown\\roverwritten" in plain
            assert "\\u202e" in plain
            assert "🚀" in out


@pytest.mark.parametrize("command", [["agencies"], ["mission", "hostile"]])
def test_every_data_format_keeps_hostile_text_exactly(tmp_path: Path, command: list[str]) -> None:
    """Through the CLI's own stdout: JSON and TOML hold it as it is, CSV, TSV and Markdown
    read back to it (Markdown with control characters escaped)."""
    path = hostile_file(tmp_path)

    def text_of(fmt: Format) -> str:
        code, out, err = invoke("--no-bundled", "--data", str(path), *command, "-f", fmt.value)
        assert (code, err) == (0, "")
        return out

    payload = check_every_format(text_of, views.shape_for(command[0], {}))
    if command == ["agencies"]:
        assert {org["abbreviation"]: org["name"] for org in payload} == HOSTILE
    else:
        assert [p["contribution"] for p in payload["participants"]] == list(HOSTILE.values())


def test_error_messages_escape_what_they_quote(tmp_path: Path) -> None:
    code, out, err = invoke("agency", "\x1b[2J\x07evil")
    assert (code, out) == (1, "")
    assert "\x1b" not in err
    assert "\x07" not in err
    assert err.startswith("spacecli: error: unknown organisation '\\x1b[2J\\x07evil'")


# -- odd command lines --------------------------------------------------------------------


def test_empty_and_option_like_names() -> None:
    assert invoke("agency", "") == (
        1,
        "",
        "spacecli: error: unknown organisation '' (see 'spacecli agencies')\n",
    )
    # After --, a name may start with a dash; punctuation is ignored in names, so this is NASA.
    code, out, err = invoke("agency", "--json", "--fields", "id", "--", "--NASA")
    assert (code, out, err) == (0, '{\n  "id": "nasa"\n}\n', "")
    code, out, err = invoke("agency", "--", "-x")
    assert (code, out) == (1, "")
    assert err.startswith("spacecli: error: unknown organisation '-x'")
    code, out, err = invoke("agency", "--NASA")
    assert (code, out) == (2, "")
    assert err == (
        "spacecli: error: no such option --NASA for 'spacecli agency' "
        "(see 'spacecli agency --help')\n"
    )
    code, out, err = invoke("search", "")
    assert (code, out) == (1, "")
    assert err == "spacecli: error: nothing to search for: give a word or a name\n"


def test_huge_and_backwards_years() -> None:
    assert invoke("missions", "--since", "9" * 30) == (0, "", "no missions match\n")
    assert invoke("missions", "--until", "-" + "9" * 30, "--json") == (0, "[]\n", "")
    code, out, err = invoke("missions", "--since", "2020", "--until", "2010")
    assert (code, out) == (2, "")
    assert "--since 2020 is after --until 2010" in err
    code, out, err = invoke("missions", "--since", "twenty")
    assert (code, out) == (2, "")
    assert "'twenty' is not a valid int" in err


def test_repeated_filters_combine_and_single_options_refuse_to_repeat() -> None:
    """Never the last value silently: --goal and --agency repeated must all hold, --status
    repeated any of them; an option that takes one value, given twice, is a usage error."""

    def ids(*args: str) -> list[str]:
        return [c["id"] for c in json.loads(invoke("missions", *args, "--json").out)]

    both = ids("--agency", "CNSA", "--agency", "ESA")
    assert both == [c for c in ids("--agency", "CNSA") if c in ids("--agency", "ESA")]
    assert "chang-e-6" in both
    assert ids("--goal", "mars", "--goal", "moon") == [
        c for c in ids("--goal", "mars") if c in ids("--goal", "moon")
    ]
    either = ids("--status", "planned", "--status", "failed")
    assert sorted(either) == sorted(ids("--status", "planned") + ids("--status", "failed"))
    for args in (
        ["missions", "--since", "2000", "--since", "2010"],
        ["partners", "NASA", "--format", "csv", "-f", "json"],
        ["data", "export", "--format", "json", "--format", "toml"],
        ["matrix", "--top", "3", "--top=4"],
    ):
        code, out, err = invoke(*args)
        assert (code, out) == (2, ""), args
        assert err.startswith("spacecli: error: Invalid value for '")
        assert "given 2 times; it takes one value" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["matrix", "--top", "0"], "Invalid value for '--top'"),
        (["timeline", "--by", "century"], "Invalid value for '--by'"),
        (["path", "NASA", "ESA", "--max-hops", "-1"], "Invalid value for '--max-hops'"),
        (["partners", "NASA", "--fields", ""], "unknown field ''"),
        (["missions", "--goal", "venus"], "Invalid value for '--goal'"),
        (["graph", "--format", "png"], "Invalid value for '--format'"),
        (["data", "export", "--format", "xlsx"], "Invalid value for '--format'"),
    ],
)
def test_bad_option_values_are_usage_errors(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert (code, out) == (2, "")
    assert message in err


# -- interrupted --------------------------------------------------------------------------


@pytest.fixture
def interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the data is being read, as a KeyboardInterrupt raised there."""

    def interrupt(layers: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("spacecli.data.load_layers", interrupt)


@pytest.mark.usefixtures("interrupted")
@pytest.mark.parametrize(
    "command", [["stats"], ["partners", "NASA", "--json"], ["data", "export", "-f", "csv"]]
)
def test_an_interrupt_exits_130_with_nothing_on_stdout(command: list[str]) -> None:
    code, out, err = invoke(*command)
    assert (code, out) == (130, "")
    assert err == "spacecli: error: interrupted\n"  # one line, never a traceback


@pytest.mark.usefixtures("interrupted")
def test_an_interrupt_says_so_in_one_line_on_stderr() -> None:
    code, out, err = invoke("stats")
    assert (code, out) == (130, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("spacecli: ")
    assert err.endswith("\n")
