"""The fast path: the parsed-data cache is used, never stale, and shrugs off corruption; only
the command asked for is built; heavy modules stay unimported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spacecli import cache, cli, startup
from spacecli import data as datafiles
from spacecli.data import Layer, Origin, load_layers

SMALL = Path(__file__).parent / "fixtures" / "small.toml"

# Runs spacecli's entry point, then reports which of some modules it imported.
PROBE = """
import json, sys
from spacecli.startup import main
sys.argv = ["spacecli", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
watched = ("rich", "tomllib", "pickle", "sqlite3", "csv", "tempfile", "xml")
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(watched))
sys.stderr.write(json.dumps(loaded))
"""


def run(*args: str, cache_dir: Path | str) -> tuple[str, list[str]]:
    """spacecli's stdout, and which watched modules it imported, in a fresh process.

    Not under coverage measurement, which imports modules of its own.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    env |= {"SPACECLI_CACHE": str(cache_dir), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout, json.loads(done.stderr)


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.dataset"))


def test_second_run_comes_from_the_cache_without_parsing(tmp_path: Path) -> None:
    first, loaded = run("partners", "NASA", "--json", cache_dir=tmp_path)
    assert "tomllib" in loaded
    assert len(entries(tmp_path)) == 1
    second, loaded = run("partners", "NASA", "--json", cache_dir=tmp_path)
    assert second == first
    assert loaded == []  # no TOML parser, no pickle, no rich, nothing for other formats


def test_a_table_imports_rich_and_nothing_else_heavy(tmp_path: Path) -> None:
    run("stats", "--json", cache_dir=tmp_path)
    _, loaded = run("partners", "NASA", cache_dir=tmp_path)
    assert loaded == ["pickle", "rich"]  # rich imports pickle for itself


def test_a_changed_file_is_never_served_stale(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    text = SMALL.read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    before = os.stat(mine)
    folder = tmp_path / "cache"
    out, _ = run("--no-bundled", "--data", str(mine), "agency", "alpha", "--json", cache_dir=folder)
    assert json.loads(out)["name"] == "Alpha Space Agency"
    # Same size, same modification time, different bytes: only the content hash can tell.
    mine.write_text(text.replace("Alpha Space Agency", "Alpha Space Agencx"), encoding="utf-8")
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(mine).st_size == before.st_size
    out, loaded = run(
        "--no-bundled", "--data", str(mine), "agency", "alpha", "--json", cache_dir=folder
    )
    assert json.loads(out)["name"] == "Alpha Space Agencx"
    assert "tomllib" in loaded
    assert len(entries(folder)) == 2


def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    layers = (Layer(SMALL, Origin.OPTION),)
    fresh = load_layers(layers)
    os.environ["SPACECLI_CACHE"] = str(tmp_path)
    try:
        datafiles._MEMO.clear()  # past this process's memo, to the disk cache
        load_layers(layers)
        (entry,) = entries(tmp_path)
        for garbage in (b"", b"not an entry", entry.read_bytes()[:100]):
            entry.write_bytes(garbage)
            datafiles._MEMO.clear()  # past this process's memo, to the disk cache
            assert load_layers(layers) == fresh
            assert cache.get(tmp_path, entry.stem) == fresh  # rewritten whole
    finally:
        os.environ["SPACECLI_CACHE"] = "off"


def test_an_entry_that_is_not_a_dataset_is_ignored(tmp_path: Path) -> None:
    import marshal

    tmp_path.chmod(0o700)
    name = "0" * 64
    (tmp_path / f"{name}.dataset").write_bytes(b"\0" * 32 + marshal.dumps({"organisations": []}))
    assert cache.get(tmp_path, name) is None
    assert cache.get(tmp_path, "missing") is None


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    out, _ = run("partners", "NASA", "--json", cache_dir=blocked / "cache")
    assert json.loads(out)[0]["abbreviation"] == "ESA"
    assert [p.name for p in tmp_path.iterdir()] == ["file-not-folder"]


def test_cache_can_be_turned_off_and_defaults_to_the_user_cache_folder(tmp_path: Path) -> None:
    assert cache.directory({"SPACECLI_CACHE": "off"}) is None
    assert cache.directory({"SPACECLI_CACHE": str(tmp_path)}) == tmp_path
    assert cache.directory({"XDG_CACHE_HOME": "/x"}) == Path("/x/spacecli")
    assert cache.directory({}) == Path.home() / ".cache" / "spacecli"


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    dataset = load_layers((Layer(SMALL, Origin.OPTION),))
    folder = tmp_path / "cache"
    for number in range(cache.KEEP + 3):
        cache.put(folder, f"{number:064x}", dataset)
        os.utime(folder / f"{number:064x}.dataset", (number, number))
    assert len(entries(folder)) == cache.KEEP
    assert not (folder / f"{0:064x}.dataset").exists()


def test_key_depends_on_path_size_time_and_bytes(tmp_path: Path) -> None:
    status = os.stat(SMALL)
    base = cache.key([(SMALL, status, b"abc")])  # the hash of the file's bytes, in effect
    assert cache.key([(SMALL, status, b"abc")]) == base
    assert cache.key([(SMALL, status, b"abd")]) != base
    assert cache.key([(tmp_path, status, b"abc")]) != base
    other = os.stat(tmp_path)
    assert cache.key([(SMALL, other, b"abc")]) != base


# -- building only the command asked for ---------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["partners", "NASA"], {}, "partners"),
        (["--data", "x.toml", "--no-bundled", "missions"], {}, "missions"),
        (["data", "validate"], {}, "data"),
        (["--help"], {}, None),
        ([], {}, None),
        (["--version"], {}, None),
        (["nonsense"], {}, None),
        (["partners", "--help"], {}, "partners"),
        (
            [],
            {"_SPACECLI_COMPLETE": "complete_bash", "COMP_WORDS": "spacecli pa", "COMP_CWORD": "1"},
            None,
        ),
        (
            [],
            {
                "_SPACECLI_COMPLETE": "complete_bash",
                "COMP_WORDS": "spacecli partners NA",
                "COMP_CWORD": "2",
            },
            "partners",
        ),
        (
            [],
            {"_SPACECLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "spacecli mission jw"},
            "mission",
        ),
        ([], {"_SPACECLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "spacecli mis"}, None),
        (
            [],
            {"_SPACECLI_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "spacecli graph "},
            "graph",
        ),
    ],
)
def test_requested_command(argv: list[str], environ: dict[str, str], expected: str | None) -> None:
    assert startup.requested_command(argv, environ) == expected


def test_every_command_is_found_by_its_name() -> None:
    names = [startup._command_name(info) for info in cli.app.registered_commands] + ["data"]
    assert all(startup.requested_command([name], {}) == name for name in names)
    assert len(names) == 17


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["partners", "--help"],
        ["data", "--help"],
        ["nonsense"],
        ["agency", "NASAA"],
        ["--no-bundled", "--data", str(SMALL), "agencies", "--json"],
    ],
)
def test_the_console_script_answers_as_the_full_app_does(tmp_path: Path, argv: list[str]) -> None:
    env = {**os.environ, "SPACECLI_CACHE": str(tmp_path), "COLUMNS": "80", "NO_COLOR": "1"}
    pruned = subprocess.run(
        [str(Path(sys.executable).with_name("spacecli")), *argv],
        capture_output=True,
        text=True,
        env=env,
    )
    whole = subprocess.run(
        [sys.executable, "-c", "from spacecli.cli import app; app(prog_name='spacecli')", *argv],
        capture_output=True,
        text=True,
        env=env,
    )
    assert pruned.stdout or pruned.stderr
    assert (pruned.returncode, pruned.stdout, pruned.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )
