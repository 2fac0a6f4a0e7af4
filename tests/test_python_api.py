"""The library: docs/python-api.md runs as written; `import spacecli` needs no typer or rich."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import spacecli

ROOT = Path(__file__).resolve().parent.parent


def test_the_python_api_page_runs_as_written() -> None:
    result = doctest.testfile(
        str(ROOT / "docs" / "python-api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0
    assert result.attempted >= 10


def test_every_public_name_exists_and_is_documented() -> None:
    page = (ROOT / "docs" / "python-api.md").read_text("utf-8")
    for name in spacecli.__all__:
        assert hasattr(spacecli, name), name
        assert re.search(rf"[`.]{name}\b", page) or name == "__version__", name


def test_importing_and_querying_loads_neither_typer_nor_rich() -> None:
    code = (
        "import sys, spacecli\n"
        "d = spacecli.load()\n"
        "print(spacecli.partners(d, 'NASA')[0].partner.abbreviation)\n"
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    assert done.stdout == "ESA\n[]\n"


def test_an_edited_file_gives_the_edited_data(tmp_path: Path) -> None:
    """No stale answers in a long-lived process: load reads the file on every call."""
    mine = tmp_path / "mine.toml"
    record = (
        '[[organisations]]\nid = "x"\nabbreviation = "{}"\nname = "Xx"\nkind = "agency"\n'
        'countries = []\nsources = ["https://x.example.org/"]\n'
    )
    mine.write_text(record.format("OLD"), encoding="utf-8")
    assert spacecli.load(mine, bundled=False).organisation("x").abbreviation == "OLD"
    mine.write_text(record.format("NEW"), encoding="utf-8")
    assert spacecli.load(mine, bundled=False).organisation("x").abbreviation == "NEW"


def test_queries_take_names_or_objects() -> None:
    data = spacecli.load()
    nasa = data.organisation("nasa")
    assert spacecli.partners(data, "nasa") == spacecli.partners(data, nasa)
    assert spacecli.members(data, "JWST") == spacecli.members(data, data.collaboration("jwst"))
    assert spacecli.missions(data, goal="mars") == spacecli.missions(data, goal=spacecli.Goal.MARS)
