"""Every `$ spacecli ...` example in README.md prints exactly what the README shows.

Run `python tests/test_readme.py --write` to refresh the outputs after a data change.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spacecli.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, shown output) for every runnable example in the README."""
    found = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            if command.startswith("spacecli ") and "|" not in command and ">" not in command:
                found.append((command, output))
    return found


def run(command: str) -> str:
    os.environ.update({"COLUMNS": "80", "NO_COLOR": "1"})
    os.environ.pop("SPACECLI_DATA", None)
    here = Path.cwd()
    os.chdir(README.parent)  # examples name files relative to the repository
    try:
        result = CliRunner().invoke(app, shlex.split(command)[1:])
    finally:
        os.chdir(here)
    return result.stdout + result.stderr


@pytest.mark.parametrize(("command", "shown"), examples(README.read_text(encoding="utf-8")))
def test_readme_example_output_is_real(command: str, shown: str) -> None:
    assert run(command) == shown


def _write() -> None:
    text = README.read_text(encoding="utf-8")

    def refresh(match: re.Match[str]) -> str:
        parts = re.split(r"^\$ ", match.group(1), flags=re.MULTILINE)
        out = [parts[0]]
        for part in parts[1:]:
            command, _, output = part.partition("\n")
            runnable = command.startswith("spacecli ") and "|" not in command and ">" not in command
            out.append(f"$ {command}\n{run(command) if runnable else output}")
        return "```console\n" + "".join(out) + "```"

    README.write_text(BLOCK.sub(refresh, text), encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write()
