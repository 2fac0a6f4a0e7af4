"""Checks that every data format of a view says what its JSON says, read back by the format's
own reader. Shared by the property tests on the renderers and the tests through the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

from spacecli.render import Format
from spacecli.views import Shape, cell_text


def records(payload: Any) -> list[dict[str, Any]]:
    return payload if isinstance(payload, list) else [payload]


def without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


# What the Markdown renderer escapes, after doubling backslashes and escaping pipes: the
# control characters `visible` writes as \t, \r, \xNN and \uNNNN.
_MARKDOWN_ESCAPE = re.compile(r"\\(\\|\||t|r|x[0-9a-f]{2}|u[0-9a-f]{4})")
_MARKDOWN_TEXT = re.compile(r"(?:[^\\]|" + _MARKDOWN_ESCAPE.pattern + r")*")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in ("\\", "|"):
        return code
    return {"t": "\t", "r": "\r"}.get(code) or chr(int(code[1:], 16))


def markdown_cells(line: str) -> list[str]:
    """The cells of one Markdown table row, escapes undone; `<br>` is left as it is.

    Cells are split on unescaped pipes, and each must be padded by exactly one space.
    """
    cells: list[str] = []
    current = ""
    index = 0
    while index < len(line):
        if line[index] == "\\":
            current += line[index : index + 2]
            index += 2
            continue
        if line[index] == "|":
            cells.append(current)
            current = ""
        else:
            current += line[index]
        index += 1
    cells.append(current)
    assert (cells[0], cells[-1]) == ("", ""), line
    inner = cells[1:-1]
    assert all(len(c) >= 2 and c[0] == c[-1] == " " for c in inner), line
    assert all(_MARKDOWN_TEXT.fullmatch(c) for c in inner), line
    return [_MARKDOWN_ESCAPE.sub(_unescape, c[1:-1]) for c in inner]


def tsv_cell(text: str) -> str:
    """What TSV makes of a cell: no quoting, so tabs and line breaks become spaces."""
    return " ".join(text.split()) if any(c in text for c in "\t\n\r") else text


def check_every_format(
    text_of: Callable[[Format], str], shape: Shape | None, *, exact: bool = True
) -> Any:
    """Every data format parses back, with its own reader, to what the JSON holds.

    `text_of` gives the output in a format; `shape` is the records' declared shape (None:
    not known, as for a matrix of the most connected organisations). With `exact`, every
    record has exactly the shape's fields and the CSV header names them even with no
    records; nested records read as the shape says. Returns the JSON payload.
    """

    def flat(record: dict[str, Any], key: str, lists: Any = "text") -> str:
        nested = shape.nested(key) if shape is not None else None
        return cell_text(record[key], nested, lists=lists)

    fields = shape.names if shape is not None and exact else None
    text = text_of(Format.JSON)
    assert text.endswith("\n")
    payload = json.loads(text)
    expected = records(payload)
    if fields is None:
        keys = list(expected[0]) if expected else None
    else:
        keys = list(fields)
        assert [list(record) for record in expected] == [keys] * len(expected)

    text = text_of(Format.JSONL)
    assert [json.loads(line) for line in text.split("\n")[:-1]] == expected
    assert text == "" or text.endswith("\n")

    for fmt, delimiter in ((Format.CSV, ","), (Format.TSV, "\t")):
        rows = list(csv.reader(io.StringIO(text_of(fmt), newline=""), delimiter=delimiter))
        if keys is None:
            assert len(rows) == 1  # the header alone
            continue
        flattened = [[flat(r, k, "json") for k in keys] for r in expected]
        if fmt is Format.TSV:
            flattened = [[tsv_cell(c) for c in row] for row in flattened]
        assert rows == [keys, *flattened]

    text = text_of(Format.MARKDOWN)
    assert "\r" not in text
    assert "\x1b" not in text
    lines = text.split("\n")
    assert lines[-1] == ""
    assert len(lines) == len(expected) + 3
    if keys is not None:
        assert lines[1] == "|" + "---|" * len(keys)
        assert markdown_cells(lines[0]) == [k.replace("\n", "<br>") for k in keys]
        assert [markdown_cells(line) for line in lines[2:-1]] == [
            [flat(r, k).replace("\n", "<br>") for k in keys] for r in expected
        ]

    parsed = tomllib.loads(text_of(Format.TOML))
    back = parsed.get("records", []) if isinstance(payload, list) else [parsed]
    assert back == without_none(expected)
    return payload
