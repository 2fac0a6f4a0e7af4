"""The docs are true: every `$ spacecli ...` example prints what it shows, every link resolves.

The examples are the ```console blocks of README.md and docs/*.md. A command with `|` or `>`
is shown but not run. Run `python tests/test_docs.py --write` to refresh the outputs after a
change to the data or the code.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacecli import render
from spacecli.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLE_FILES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
LINK_FILES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]

BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def runnable(command: str) -> bool:
    return command.startswith("spacecli ") and "|" not in command and ">" not in command


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, shown output) for every runnable example in a Markdown text."""
    found = []
    for block in BLOCK.findall(text):
        for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = part.partition("\n")
            if runnable(command):
                found.append((command, output))
    return found


def run(command: str) -> str:
    """What the command prints, stdout then stderr, run from the repository root, as an
    80-column terminal without colour shows it (the docs show what people see; a piped
    table is one line a record, as the guide says)."""
    os.environ.update({"COLUMNS": "80", "NO_COLOR": "1", "SPACECLI_CACHE": "off", "PAGER": "cat"})
    os.environ.pop("SPACECLI_DATA", None)
    os.environ.pop("FORCE_COLOR", None)
    here = Path.cwd()
    os.chdir(ROOT)  # examples name files relative to the repository
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(render, "is_terminal", lambda out: True)
            result = CliRunner().invoke(app, shlex.split(command)[1:])
    finally:
        os.chdir(here)
    return result.stdout + result.stderr


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


EXAMPLES = [
    pytest.param(path, command, shown, id=f"{_name(path)}: {command}")
    for path in EXAMPLE_FILES
    for command, shown in examples(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(("path", "command", "shown"), EXAMPLES)
def test_example_output_is_real(path: Path, command: str, shown: str) -> None:
    assert run(command) == shown, f"refresh with: python tests/test_docs.py --write ({path})"


def links(text: str) -> list[str]:
    """Relative link targets in a Markdown text, outside code (`file`, `file#anchor`, `#anchor`)."""
    text = INLINE_CODE.sub("", FENCE.sub("", text))
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown text's headings."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", text), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


LINKS = [
    pytest.param(path, target, id=f"{_name(path)} -> {target}")
    for path in LINK_FILES
    if path.exists()
    for target in links(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(("path", "target"), LINKS)
def test_relative_link_points_at_a_file(path: Path, target: str) -> None:
    name, _, anchor = target.partition("#")
    linked = path.parent / name if name else path
    assert linked.exists(), f"{_name(path)} links to missing {name}"
    if anchor and linked.suffix == ".md":
        assert anchor in anchors(linked.read_text(encoding="utf-8")), f"no heading #{anchor}"


def test_links_and_anchors_are_found() -> None:
    text = (
        "# Exit codes, and `fields`\n[a](docs/guide.md#x) [b](https://x.org) `[d](no.md)` [c](#y)"
    )
    assert links(text) == ["docs/guide.md#x", "#y"]
    assert anchors(text) == {"exit-codes-and-fields"}


@pytest.mark.parametrize(
    ("name", "block"), [("data-files.md", "schema"), ("reference.md", "reference")]
)
def test_generated_blocks_are_marked(name: str, block: str) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    assert text.count(f"<!-- BEGIN GENERATED: {block} -->\n") == 1
    assert text.count(f"<!-- END GENERATED: {block} -->\n") == 1
    assert text.index(f"BEGIN GENERATED: {block}") < text.index(f"END GENERATED: {block}")


def _write(path: Path) -> None:
    def refresh(match: re.Match[str]) -> str:
        parts = re.split(r"^\$ ", match.group(1), flags=re.MULTILINE)
        out = [parts[0]]
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            out.append(f"$ {command}\n{run(command) if runnable(command) else output}")
        return "```console\n" + "".join(out) + "```"

    text = path.read_text(encoding="utf-8")
    path.write_text(BLOCK.sub(refresh, text), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    for doc in EXAMPLE_FILES:
        _write(doc)
