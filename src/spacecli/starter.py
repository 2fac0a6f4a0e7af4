"""The starter data file `spacecli data init` writes: small, valid, and showing every field.

It is made from the schema declared on the model (`spacecli.schema`): one record of each
kind, every field with its example value and its doc line, so it never falls behind.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from spacecli.model import Dataset
from spacecli.schema import Spec, specs

SCHEMA_FILE_NAME = "data-file.schema.json"

_HEADER = """\
# A spacecli data file. Load it on top of the bundled data with
#     spacecli --data THIS_FILE partners "Example University"
# or on its own with --no-bundled; check it with `spacecli --data THIS_FILE data validate`.
# A record whose id is already known replaces that record; a new id adds one.
# Everything below is a made-up example: replace it with your own, sourced records.
# The first line lets editors that read JSON Schema (Taplo, Even Better TOML) check the file
# as you type; the schema and its vocabularies are in docs/data-files.md too.
"""


def schema_path() -> Path:
    """The JSON Schema of data files, shipped inside the package."""
    return Path(__file__).resolve().parent / SCHEMA_FILE_NAME


def starter() -> str:
    """The text of a starter data file: a `#:schema` line, then one example of each record."""
    lines = [f"#:schema {schema_path().as_uri()}", _HEADER]
    for key, declared in specs(Dataset):
        assert declared.record is not None
        lines += _record(key, declared.record)
    return "\n".join(lines)


def _record(header: str, cls: type[Any]) -> list[str]:
    lines = [f"[[{header}]]"]
    subtables = []
    for name, declared in specs(cls):
        if declared.kind == "record":
            subtables.append((name, declared))
            continue
        lines += _comment(_describe(declared))
        if declared.example is None:  # nothing to show that would be true of an example
            lines.append(f"# {name} = ...")
        else:
            lines.append(f"{name} = {json.dumps(declared.example, ensure_ascii=False)}")
    lines.append("")
    for name, declared in subtables:
        assert declared.record is not None
        lines += _comment(f"{name}: {_describe(declared)}")
        table = _record(f"{header}.{name}", declared.record)
        if any(s.required and s.example is None for _, s in specs(declared.record)):
            # No example of it would be true of a made-up record: shown, commented out.
            table = [line if line.startswith("#") or not line else f"# {line}" for line in table]
        lines += table
    return lines


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(text, width=90)]


def _describe(declared: Spec) -> str:
    words = declared.doc
    if declared.vocabulary is not None:
        words += "; one of: " + ", ".join(member.value for member in declared.vocabulary)
    return words if declared.required else f"{words} (optional)"
