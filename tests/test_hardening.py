"""Hardening: no code from a cache, nothing else's files touched, bounded work on any input,
one line and never a traceback. Each test here failed before the fix it guards."""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cli import invoke, json_of
from spacecli import cache, query, render
from spacecli import data as datafiles
from spacecli.data import Layer, Origin, load_layers
from spacecli.model import Dataset
from spacecli.render import Format, GraphFormat

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small.toml"
CONSOLE_SCRIPT = str(Path(sys.executable).with_name("spacecli"))


def console(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """The installed `spacecli` in a process of its own (not under coverage's own imports)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | kwargs
    return subprocess.run(
        [CONSOLE_SCRIPT, *args],
        env={**environ, "NO_COLOR": "1", **(env or {})},
        check=False,
        **streams,
    )


def entry_name(*files: Path) -> str:
    """The cache entry name spacecli computes for these files (from public inputs only)."""
    hashed = [(path, *datafiles._hash(path)) for path in files]
    return cache.key(hashed)


# -- 1. a cache entry cannot run code or lie ----------------------------------------------


class _Payload:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {MARKER}",))


MARKER = Path("/tmp/spacecli-test-cache-payload-ran")


def test_a_planted_pickle_runs_nothing(tmp_path: Path) -> None:
    """Another user computes the entry name and plants a pickle whose reduce calls os.system:
    spacecli never unpickles anything, so nothing runs, and the answer is the real one."""
    MARKER.unlink(missing_ok=True)
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    name = entry_name(datafiles.bundled_path())
    payload = pickle.dumps(_Payload())
    for planted in (f"{name}.pickle", f"{name}{cache.SUFFIX}"):
        (folder / planted).write_bytes(payload)
    done = console("partners", "NASA", "--json", env={"SPACECLI_CACHE": str(folder)}, text=True)
    assert done.returncode == 0
    assert json.loads(done.stdout)[0]["abbreviation"] == "ESA"
    assert not MARKER.exists()


def test_an_entry_altered_to_lie_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    dataset = load_layers((Layer(SMALL, Origin.OPTION),))
    cache.put(folder, "a" * 64, dataset)
    entry = folder / f"{'a' * 64}{cache.SUFFIX}"
    assert cache.get(folder, "a" * 64) == dataset
    content = entry.read_bytes()
    entry.write_bytes(content.replace(b"Alpha Space Agency", b"Alpha Space Agencx"))
    assert cache.get(folder, "a" * 64) is None  # the signature no longer matches
    # A forged entry signed with a key of its own is refused as well.
    forged = bytes(32) + content[32:]
    entry.write_bytes(forged)
    assert cache.get(folder, "a" * 64) is None


def test_entries_and_key_are_private_and_others_folders_are_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    dataset = load_layers((Layer(SMALL, Origin.OPTION),))
    cache.put(folder, "b" * 64, dataset)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / cache.KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / f"{'b' * 64}{cache.SUFFIX}").stat().st_mode) == 0o600
    folder.chmod(0o777)  # a folder others can write to: nothing in it is trusted
    assert cache.get(folder, "b" * 64) is None
    cache.put(folder, "c" * 64, dataset)
    assert not (folder / f"{'c' * 64}{cache.SUFFIX}").exists()
    folder.chmod(0o700)
    assert cache.get(folder, "b" * 64) == dataset
    os.chown(folder, 4242, 4242)  # someone else's folder (the tests run as root)
    assert cache.get(folder, "b" * 64) is None
    os.chown(folder, os.geteuid(), os.getegid())
    entry = folder / f"{'b' * 64}{cache.SUFFIX}"
    entry.chmod(0o666)  # an entry others could have written
    assert cache.get(folder, "b" * 64) is None


def test_an_entry_from_a_cache_answers_as_the_files_do(tmp_path: Path) -> None:
    """The stored dataset decodes records as queries reach them, with the same answers."""
    folder = tmp_path / "cache"
    fresh = datafiles.load()
    cache.put(folder, "d" * 64, fresh)
    stored = cache.get(folder, "d" * 64)
    assert stored is not None
    assert query.partners(stored, "NASA") == query.partners(fresh, "NASA")
    assert stored.find_collaboration("Webb") == fresh.find_collaboration("Webb")
    assert stored.involving("isro") == fresh.involving("isro")
    assert stored == fresh  # and, decoded whole, every record
    assert query.stats(stored) == query.stats(fresh)


# -- 4. only spacecli's own files are touched -------------------------------------------


def test_pruning_touches_only_spacecli_entries(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    theirs = [folder / f"mine-{n}.pickle" for n in range(5)] + [folder / "notes.txt"]
    for path in theirs:
        path.write_bytes(b"the user's own")
    stale = folder / f".{'e' * 64}{cache.SUFFIX}.abc123.part"
    fresh_part = folder / f".{'f' * 64}{cache.SUFFIX}.def456.part"
    for part in (stale, fresh_part):
        part.write_bytes(b"x" * 1000)
    old = time.time() - 2 * cache.STALE_PART
    os.utime(stale, (old, old))
    dataset = load_layers((Layer(SMALL, Origin.OPTION),))
    for number in range(cache.KEEP + 2):
        cache.put(folder, f"{number:064x}", dataset)
    assert all(path.read_bytes() == b"the user's own" for path in theirs)
    assert not stale.exists()  # left by a killed run long ago
    assert fresh_part.exists()  # perhaps another run writing right now
    assert len(list(folder.glob(f"*{cache.SUFFIX}"))) == cache.KEEP


def test_entries_are_bounded_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    dataset = load_layers((Layer(SMALL, Origin.OPTION),))
    cache.put(folder, "0" * 64, dataset)
    size = (folder / f"{'0' * 64}{cache.SUFFIX}").stat().st_size
    monkeypatch.setattr(cache, "MAX_TOTAL", 3 * size)
    for number in range(1, 6):
        cache.put(folder, f"{number:064x}", dataset)
        os.utime(folder / f"{number:064x}{cache.SUFFIX}", (number, number + 10))
    assert len(list(folder.glob(f"*{cache.SUFFIX}"))) == 3


def test_export_refuses_devices_and_fifos_even_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = invoke("data", "export", "-o", str(fifo), "--force")
    assert (code, out) == (1, "")
    assert err == (
        f"spacecli: error: {fifo} is not a regular file (a device, pipe or socket); give a file "
        "name, or -o - for standard output\n"
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    code, _, err = invoke("data", "export", "-o", "/dev/null", "--force")
    assert code == 1
    assert "not a regular file" in err
    assert Path("/dev/null").is_char_device()


def test_export_to_dash_writes_standard_output() -> None:
    code, out, err = invoke("data", "export", "--goal", "mars", "-f", "json", "-o", "-")
    assert (code, err) == (0, "")
    assert json.loads(out)["collaborations"]


def test_force_keeps_the_replaced_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    assert invoke("data", "export", "-o", str(target), "--force").code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Exported by spacecli")


@pytest.mark.parametrize(("signum", "fmt"), [(signal.SIGTERM, "sqlite"), (signal.SIGHUP, "csv")])
def test_a_signal_during_an_export_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, fmt: str
) -> None:
    from spacecli import export

    target = tmp_path / "space.out"
    target.write_text("old\n", encoding="utf-8")
    writer = export.write_sqlite if fmt == "sqlite" else export.write_csv
    name = "write_sqlite" if fmt == "sqlite" else "write_csv"

    def killed(*args: Any, **kwargs: Any) -> None:
        writer(*args, **kwargs)  # the temporary file (and SQLite's journal) exist now
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(export, name, killed)
    code, out, err = invoke("data", "export", "-f", fmt, "-o", str(target), "--force")
    assert (code, out, err) == (128 + signum, "", "spacecli: error: interrupted\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["space.out"]


# -- 2 and 3. terminals and spreadsheets ------------------------------------------------

HOSTILE = (
    "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\"  # OSC 8: a hidden link
    "\x1b]0;title\x07\b\r\x9b31m"  # a window title, BS, CR, and CSI as a C1 control
    "\u202egnp.exe\u200b\u2066x\ufeff"  # bidi override, zero-width space, isolate, BOM
)
RAW = ["\x1b", "\x07", "\b", "\r", "\x9b", "\u202e", "\u200b", "\u2066", "\ufeff"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def hostile_dataset() -> Dataset:
    # json.dumps writes the escapes TOML's basic strings take too (\u001b, \b, \r...).
    text = SMALL.read_text(encoding="utf-8").replace('"Alpha Space Agency"', json.dumps(HOSTILE))
    return datafiles.loads(text, "hostile.toml")


def views_of(data: Dataset) -> list[Any]:
    from spacecli import views

    return [
        views.agencies_view(query.agencies(data)),
        views.agency_view(data.organisations[0], query.involvements(data, "alpha"), []),
    ]


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.TABLE])
def test_every_format_on_a_terminal_escapes_what_could_act_on_it(fmt: Format) -> None:
    for view in views_of(hostile_dataset()):
        terminal, piped = _Terminal(), io.StringIO()
        render.render(view, fmt, terminal)
        render.render(view, fmt, piped)
        assert not [ch for ch in RAW if ch in terminal.getvalue()]
        assert "\\u001b" in terminal.getvalue() or "\\x1b" in terminal.getvalue()
        if fmt in (Format.JSON, Format.JSONL):  # still valid JSON, and the same data
            first = terminal.getvalue().splitlines()[0] if fmt is Format.JSONL else None
            parsed = json.loads(first or terminal.getvalue())
            assert parsed == json.loads(first or piped.getvalue()) or first is not None
        if fmt in (Format.CSV, Format.TSV, Format.TOML):  # piped: the data as it is
            assert "\u202e" in piped.getvalue()


@pytest.mark.parametrize("fmt", list(GraphFormat))
def test_graph_formats_on_a_terminal_escape_too(fmt: GraphFormat) -> None:
    from spacecli import views

    data = hostile_dataset()
    view = views.graph_view(query.graph(data), "network")
    terminal = _Terminal()
    render.render_graph(view, fmt, terminal)
    assert not [ch for ch in RAW if ch in terminal.getvalue()]


def test_urls_must_be_printable_ascii() -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        '"https://alpha.example.org/"', '"https://alpha.example.org/\\u001b]52;c;eA==\\u0007"', 1
    )
    with pytest.raises(datafiles.DataError) as caught:
        datafiles.loads(text, "bad.toml")
    assert "is not an https:// URL" in str(caught.value)


def test_formulas_are_kept_unless_asked_and_neutralised_when_asked(tmp_path: Path) -> None:
    import csv

    formula = "=HYPERLINK('https://evil.example','x')"
    mine = tmp_path / "mine.toml"
    mine.write_text(
        SMALL.read_text(encoding="utf-8").replace("Alpha Space Agency", formula), encoding="utf-8"
    )
    base = ("--no-bundled", "--data", str(mine))

    def cells(*args: str) -> list[str]:
        return [cell for row in csv.reader(io.StringIO(invoke(*base, *args).out)) for cell in row]

    assert formula in cells("agencies", "-f", "csv")  # data kept exact unless asked
    safe = cells("--escape-formulas", "agencies", "-f", "csv")
    assert f"'{formula}" in safe
    assert formula not in safe
    export = cells("--escape-formulas", "data", "export", "-f", "csv")
    assert not [cell for cell in export if cell.startswith(("=", "+", "-", "@"))]
    assert json_of(*base, "agencies")[0]["name"] == formula  # JSON: exact


# -- 7 and 8. bounded work ---------------------------------------------------------------


def test_did_you_mean_is_worked_out_for_a_few_names_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import difflib

    calls = []
    real = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> list[str]:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    lines = ['[[organisations]]\nid = "a"\nabbreviation = "A"\nname = "Aa"\nkind = "agency"']
    lines.append('countries = []\nsources = ["https://a.example.org/"]\n')
    for n in range(300):  # 300 references to 30 organisations that do not exist
        lines.append(
            f'[[collaborations]]\nid = "c{n}"\nname = "C{n}"\nkind = "mission"\n'
            f'goals = ["mars"]\nstart = 2000\nstatus = "active"\nsummary = "s"\n'
            f'sources = ["https://c.example.org/"]\n'
            f'[[collaborations.participants]]\norg = "gone-{n % 30}"\nrole = "lead"\n'
        )
    with pytest.raises(datafiles.DataError) as caught:
        datafiles.loads("\n".join(lines), "many.toml")
    assert len(caught.value.problems) == 300
    assert len(calls) == datafiles.SUGGESTED_NAMES


def test_search_text_is_bounded() -> None:
    words = " ".join(f"word{n}" for n in range(300))
    code, out, err = invoke("search", words)
    assert (code, out) == (1, "")
    assert err == "spacecli: error: search text too long: at most 12 words and 200 characters\n"


def test_a_file_too_large_is_refused_without_reading_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(datafiles, "MAX_FILE_SIZE", 2 * 1024 * 1024)
    code, out, err = invoke("--data", "/dev/zero", "agencies")
    assert (code, out) == (3, "")
    assert err == (
        "spacecli: error: /dev/zero: too large: spacecli reads data files of at most 2 MiB\n"
    )


def test_the_real_limit_is_documented() -> None:
    assert datafiles.MAX_FILE_SIZE == 100 * 1024 * 1024
    reliability = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "100 MiB" in reliability


# -- 9. one line, never a traceback --------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["stats", "-f", "csv"], ["mission", "ISS"]])
def test_a_full_device_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = console(*args, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr == "spacecli: error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_one_line() -> None:
    done = subprocess.run(
        f"exec {CONSOLE_SCRIPT} stats >&-", shell=True, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (1, "spacecli: error: standard output is closed\n")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["partners", "--help"]])
def test_help_and_version_into_a_closed_pipe_exit_0(args: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = console(*args, stdout=writer, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_locale_that_cannot_hold_unicode_still_answers(encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding, "LC_ALL": "C"}
    table = console("mission", "ISS", env=env)
    assert table.returncode == 0
    assert table.stderr == b""
    assert table.stdout.startswith(b"International Space Station\n+---")  # ASCII boxes
    rows = console("missions", "-f", "csv", env=env)
    assert (rows.returncode, rows.stderr) == (0, b"")
    rows.stdout.decode(encoding)  # every byte is of the locale's encoding
