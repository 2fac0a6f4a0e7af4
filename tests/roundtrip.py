"""Checks that every data format of a command says what its JSON says, read back by the
format's own reader. Shared by the tests on the real data and the property tests."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

from spacecli.views import cell_text, shape_for

Invoke = Callable[..., tuple[int, str, str]]


def records(payload: Any) -> list[dict[str, Any]]:
    return payload if isinstance(payload, list) else [payload]


def without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def markdown_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.split("\n")[:-1]:
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip().replace("\\|", "|").replace("\\\\", "\\") for c in cells])
    return rows


def tsv_cell(text: str) -> str:
    """What TSV makes of a cell: no quoting, so tabs and line breaks become spaces."""
    return " ".join(text.split()) if any(c in text for c in "\t\n\r") else text


def check_every_format(invoke: Invoke, command: list[str], *, exact_markdown: bool) -> None:
    """Every format of `command` parses back to what its JSON holds.

    Markdown escapes control characters, so with arbitrary text only its shape is checked.
    """
    code, out, err = invoke(*command, "--json")
    assert (code, err) == (0, ""), err
    payload = json.loads(out)
    expected = records(payload)
    keys = list(expected[0]) if expected else None
    shape = shape_for(command[0], {"other": command[2] if len(command) > 2 else None})

    def flat(record: dict[str, Any], key: str) -> str:
        return cell_text(record[key], shape.nested(key) if shape is not None else None)

    code, out, _ = invoke(*command, "-f", "jsonl")
    assert code == 0
    assert [json.loads(line) for line in out.split("\n")[:-1]] == expected

    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        code, out, _ = invoke(*command, "-f", fmt)
        assert code == 0
        rows = list(csv.reader(io.StringIO(out, newline=""), delimiter=delimiter))
        if keys is not None:
            assert rows[0] == keys
            flattened = [[flat(r, k) for k in keys] for r in expected]
            if fmt == "tsv":
                flattened = [[tsv_cell(c) for c in row] for row in flattened]
            assert rows[1:] == flattened
        else:
            assert len(rows) == 1  # the header alone

    code, out, _ = invoke(*command, "-f", "markdown")
    assert code == 0
    rows = markdown_rows(out)
    assert len(rows) == len(expected) + 2
    if keys is not None:
        assert len(rows[0]) == len(keys)
        assert all(len(row) == len(keys) for row in rows[2:])
        assert "\r" not in out
        assert "\x1b" not in out
        if exact_markdown:
            assert rows[0] == keys
            assert rows[2:] == [[flat(r, k).replace("\n", "<br>") for k in keys] for r in expected]

    code, out, _ = invoke(*command, "-f", "toml")
    assert code == 0
    parsed = tomllib.loads(out)
    back = parsed.get("records", []) if isinstance(payload, list) else [parsed]
    assert back == without_none(expected)
