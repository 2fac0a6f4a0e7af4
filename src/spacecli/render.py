"""Output formats. One enum member and one function per format; the only module using rich."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from spacecli.views import DetailView, ListView, View

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class Format(StrEnum):
    """The output formats every data command takes with -f/--format."""

    TABLE = "table"
    JSON = "json"


def render(view: View, fmt: Format, out: TextIO | None = None) -> None:
    """Write `view` in format `fmt` to `out` (standard output by default)."""
    RENDERERS[fmt](view, out or sys.stdout)


def payload(view: View) -> Any:
    """What the data formats serialise: a list of records, or one record."""
    return view.records if isinstance(view, ListView) else view.record


def render_json(view: View, out: TextIO) -> None:
    """JSON: a list for list commands, an object for detail commands; stable key order."""
    out.write(json.dumps(payload(view), ensure_ascii=False, indent=2))
    out.write("\n")


def render_table(view: View, out: TextIO) -> None:
    """A rich table for people: coloured on a terminal, plain and uncut when piped."""
    if isinstance(view, ListView) and not view.records:
        _note(view.empty)
        return
    interactive = out.isatty()
    buffer = io.StringIO()
    console = _console(buffer if not interactive else out, interactive)
    if isinstance(view, ListView):
        console.print(_table(view.title, view.columns, view.records))
    else:
        _print_detail(console, view)
    if not interactive:
        # Piped: the same rows and columns, without the padding rich puts after titles.
        out.writelines(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


RENDERERS: dict[Format, Callable[[View, TextIO], None]] = {
    Format.TABLE: render_table,
    Format.JSON: render_json,
}


def _note(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def _console(out: TextIO, interactive: bool) -> Console:
    from rich.console import Console

    return Console(
        file=out,
        # Piped output keeps every row and column but no colour, markup or decoration codes.
        no_color=not interactive or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _table(title: str | None, columns: Any, records: list[dict[str, Any]]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column.header, overflow="fold")
    for record in records:
        table.add_row(*(Text(column.text(record)) for column in columns))
    return table


def _print_detail(console: Console, view: DetailView) -> None:
    from rich.table import Table
    from rich.text import Text

    fields = Table(title=view.title, title_justify="left", show_header=False, expand=False)
    fields.add_column("Field", style="bold", overflow="fold")
    fields.add_column("Value", overflow="fold")
    for column in view.fields:
        text = column.text(view.record)
        if text:
            fields.add_row(Text(column.header), Text(text))
    console.print(fields)
    for section in view.sections:
        records = view.record.get(section.key) or []
        if records:
            console.print()
            console.print(_table(section.title, section.columns, records))
