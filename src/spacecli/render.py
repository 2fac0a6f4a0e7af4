"""Output formats. One enum member and one function per format; the only module using rich."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from spacecli.views import Column, DetailView, ListView, Record, View

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class Format(StrEnum):
    """The output formats every data command takes with -f/--format."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"
    TOML = "toml"


def render(view: View, fmt: Format, out: TextIO | None = None) -> None:
    """Write `view` in format `fmt` to `out` (standard output by default)."""
    RENDERERS[fmt](view, out or sys.stdout)


def rows_of(view: View) -> list[Record]:
    """The records a view holds: all of a list view's, or a detail view's one."""
    return view.records if isinstance(view, ListView) else [view.record]


# -- data formats -------------------------------------------------------------------------


def render_json(view: View, out: TextIO) -> None:
    """JSON: a list for list commands, an object for detail commands; stable key order."""
    payload = view.records if isinstance(view, ListView) else view.record
    out.write(json.dumps(payload, ensure_ascii=False, indent=2))
    out.write("\n")


def render_jsonl(view: View, out: TextIO) -> None:
    """JSON Lines: one compact object a line, nothing at all for no results."""
    for record in rows_of(view):
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")


def flat(value: Any) -> str:
    """A value as one spreadsheet cell: lists joined with '; ', records by their name."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(flat(item) for item in value)
    if isinstance(value, dict):
        return _flat_record(value)
    return str(value)


def _flat_record(record: Record) -> str:
    label_key = next(
        (k for k in ("abbreviation", "name", "label", "goal", "status", "kind") if k in record),
        None,
    )
    label = flat(record[label_key]) if label_key else flat(record.get("org") or record.get("id"))
    if record.get("role"):
        contribution = f": {record['contribution']}" if record.get("contribution") else ""
        return f"{label} ({record['role']}{contribution})"
    for number in ("count", "value", "shared_count"):
        if number in record:
            return f"{label}: {record[number]}"
    return label


def _delimited(view: View, out: TextIO, delimiter: str) -> None:
    import csv  # only the csv and tsv formats pay for it

    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(view.fields)
    for record in rows_of(view):
        cells = [flat(record[name]) for name in view.fields]
        if delimiter == "\t":
            # TSV has no quoting: tabs and line breaks inside a value become spaces.
            cells = [
                " ".join(cell.split()) if "\t" in cell or "\n" in cell else cell for cell in cells
            ]
        writer.writerow(cells)


def render_csv(view: View, out: TextIO) -> None:
    """CSV with a header row always; nested lists joined with '; '."""
    _delimited(view, out, ",")


def render_tsv(view: View, out: TextIO) -> None:
    """Tab-separated values with a header row always; nested lists joined with '; '."""
    _delimited(view, out, "\t")


def render_markdown(view: View, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table of the same cells as CSV."""

    def cell(value: Any) -> str:
        return flat(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    out.write("| " + " | ".join(view.fields) + " |\n")
    out.write("|" + "---|" * len(view.fields) + "\n")
    for record in rows_of(view):
        out.write("| " + " | ".join(cell(record[name]) for name in view.fields) + " |\n")


def render_toml(view: View, out: TextIO) -> None:
    """TOML written by tomli-w: `[[records]]` for lists, top-level keys for one record.

    TOML has no null, so keys without a value are left out.
    """
    import tomli_w

    payload = {"records": view.records} if isinstance(view, ListView) else view.record
    out.write(tomli_w.dumps(_without_none(payload)))


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


# -- tables for people --------------------------------------------------------------------


def render_table(view: View, out: TextIO) -> None:
    """A rich table for people: coloured on a terminal, plain and uncut when piped."""
    if isinstance(view, ListView) and not view.records:
        _note(view.empty)
        return
    colour = use_colour(out)
    buffer = io.StringIO()
    console = _console(out if colour else buffer, colour)
    if isinstance(view, ListView):
        console.print(_table(view.title, view.columns, view.records))
    else:
        _print_detail(console, view)
    if not colour:
        # Plain: the same rows and columns, without the padding rich puts after titles.
        out.writelines(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def use_colour(out: TextIO) -> bool:
    """Colour on a terminal; NO_COLOR turns it off, FORCE_COLOR on; TERM=dumb is plain."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and out.isatty()


RENDERERS: dict[Format, Callable[[View, TextIO], None]] = {
    Format.TABLE: render_table,
    Format.JSON: render_json,
    Format.JSONL: render_jsonl,
    Format.CSV: render_csv,
    Format.TSV: render_tsv,
    Format.MARKDOWN: render_markdown,
    Format.TOML: render_toml,
}


def _note(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def _console(out: TextIO, colour: bool) -> Console:
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _box(usual: str) -> Any:
    """The rich box style `usual`, or plain ASCII on a dumb terminal."""
    from rich import box

    return box.ASCII if os.environ.get("TERM") == "dumb" else getattr(box, usual)


def _table(title: str | None, columns: tuple[Column, ...], records: list[Record]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", box=_box("HEAVY_HEAD"), expand=False)
    for column in columns:
        table.add_column(column.header, overflow="fold")
    for record in records:
        table.add_row(*(Text(column.text(record)) for column in columns))
    return table


def _print_detail(console: Console, view: DetailView) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = Table(title=view.title, title_justify="left", show_header=False, box=_box("SQUARE"))
    rows.add_column("Field", style="bold", overflow="fold")
    rows.add_column("Value", overflow="fold")
    for column in view.rows:
        text = column.text(view.record)
        if text:
            rows.add_row(Text(column.header), Text(text))
    console.print(rows)
    for section in view.sections:
        records = view.record.get(section.key) or []
        if records:
            console.print()
            console.print(_table(section.title, section.columns, records))
