"""Output formats. One enum member and one function per format; the only module using rich."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from spacecli.views import Column, DetailView, GraphView, ListView, Record, View, cell_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class Format(StrEnum):
    """The output formats every data command takes with -f/--format."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"
    TOML = "toml"


def render(
    view: View,
    fmt: Format,
    out: TextIO | None = None,
    *,
    escape_formulas: bool = False,
    pager: bool = False,
) -> None:
    """Write `view` in format `fmt` to `out` (standard output by default).

    On a terminal, characters that could act on it are shown as escapes in every format
    (see `to_terminal`); in files and pipes the data is written exactly. `escape_formulas`
    makes CSV and TSV cells safe to open in a spreadsheet (see `neutralised`). `pager`
    lets a table taller than the terminal go through the user's pager (see `page`).
    """
    out = out or sys.stdout
    if fmt is Format.TABLE:
        render_table(view, out, pager=pager)
        return
    text = io.StringIO()
    if escape_formulas and fmt in (Format.CSV, Format.TSV):
        view = _without_formulas(view)
    RENDERERS[fmt](view, text)
    out.write(to_terminal(text.getvalue()) if is_terminal(out) else text.getvalue())


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


def _delimited(view: View, out: TextIO, delimiter: str) -> None:
    import csv  # only the csv and tsv formats pay for it

    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    # csv quotes a value holding "\n" but not one holding "\r", which readers also take for
    # the end of a line: such rows are written with every value quoted.
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(view.fields)
    for record in rows_of(view):
        cells = [
            cell_text(record[name], view.shape.nested(name), lists="json") for name in view.fields
        ]
        if delimiter == "\t":
            # TSV has no quoting: tabs and line breaks inside a value become spaces.
            cells = [" ".join(cell.split()) if _breaks_tsv(cell) else cell for cell in cells]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)


def _breaks_tsv(cell: str) -> bool:
    return "\t" in cell or "\n" in cell or "\r" in cell


def render_csv(view: View, out: TextIO) -> None:
    """CSV with a header row always; a list in a cell is a JSON array (it splits back)."""
    _delimited(view, out, ",")


def render_tsv(view: View, out: TextIO) -> None:
    """Tab-separated values with a header row always; a list in a cell is a JSON array.

    TSV has no quoting: tabs and line breaks inside a value become spaces.
    """
    _delimited(view, out, "\t")


def render_markdown(view: View, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table of the same cells as CSV, control characters escaped."""

    def cell(value: Any, name: str | None = None) -> str:
        shape = view.shape.nested(name) if name else None
        text = (
            cell_text(value, shape).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")
        )
        return visible(text)  # and no other character may break the row

    out.write("| " + " | ".join(cell(name) for name in view.fields) + " |\n")
    out.write("|" + "---|" * len(view.fields) + "\n")
    for record in rows_of(view):
        out.write("| " + " | ".join(cell(record[name], name) for name in view.fields) + " |\n")


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


# -- the network --------------------------------------------------------------------------


class GraphFormat(StrEnum):
    """The formats of `spacecli graph`: an edge list for people and spreadsheets, or a graph."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    DOT = "dot"
    MERMAID = "mermaid"
    GRAPHML = "graphml"


def render_graph(
    view: GraphView, fmt: GraphFormat, out: TextIO | None = None, *, escape_formulas: bool = False
) -> None:
    """Write the network `view` in format `fmt` to `out` (standard output by default).

    As `render`: escapes on a terminal, exact data elsewhere, formulas neutralised on request.
    """
    out = out or sys.stdout
    if fmt is GraphFormat.TABLE:
        render_table(view.edge_list, out)
        return
    if escape_formulas and fmt is GraphFormat.CSV:
        edges = _without_formulas(view.edge_list)
        assert isinstance(edges, ListView)
        view = view._replace(edge_list=edges)
    text = io.StringIO()
    GRAPH_RENDERERS[fmt](view, text)
    out.write(to_terminal(text.getvalue()) if is_terminal(out) else text.getvalue())


def is_terminal(out: TextIO) -> bool:
    """Whether `out` is a terminal (a closed or odd stream is not)."""
    try:
        return out.isatty()
    except (AttributeError, ValueError, OSError):
        return False


# Everything a terminal may act on rather than show: C0 controls but tab and line feed, DEL,
# C1 controls (U+009B is CSI), bidirectional marks, embeddings, overrides and isolates,
# zero-width characters and the line and paragraph separators.
_TERMINAL = {
    code: f"\\u{code:04x}"
    for code in (
        *range(0x00, 0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x200B, 0x2010),
        *range(0x2028, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
    )
}


def to_terminal(text: str) -> str:
    """`text` with every character a terminal could act on written as a `\\uXXXX` escape.

    The escape is the one JSON and TOML use, so JSON, JSON Lines and TOML stay valid; in the
    other formats it shows what the data holds without letting it move the cursor, retitle
    the window, write the clipboard (OSC 52) or reorder the line.
    """
    return text.translate(_TERMINAL)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one that starts like a formula gets a `'`."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _without_formulas(view: View) -> View:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return neutralised(value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        return value

    if isinstance(view, ListView):
        return view._replace(records=[clean(record) for record in view.records])
    return view._replace(record=clean(view.record))


def graph_json(view: GraphView, out: TextIO) -> None:
    """JSON: {"nodes": [...], "edges": [...]}, edges between node ids."""
    payload = {"nodes": view.nodes, "edges": view.edges}
    out.write(json.dumps(payload, ensure_ascii=False, indent=2))
    out.write("\n")


#: Graph settings that make plain `dot -Tpng` give a slide-sized picture: the file names its
#: layout engine (neato: a network has no ranks, and dot's ranks made an 11,581 px strip),
#: keeps labels apart and scales the drawing down to 10 x 7.5 inches at 150 dpi.
DOT_GRAPH = (
    'layout=neato, overlap=false, sep="+6", splines=true, outputorder=edgesfirst, '
    'size="10,7.5", dpi=150, fontname="Helvetica"'
)


def graph_dot(view: GraphView, out: TextIO) -> None:
    """Graphviz DOT: an undirected graph; thicker lines for more shared collaborations, and
    the count on every line that stands for more than one."""
    top = max((edge["weight"] for edge in view.edges), default=1)
    out.write(f"// {_printable(view.title)}\n")
    out.write("graph spacecli {\n")
    out.write(f"  graph [{DOT_GRAPH}];\n")
    out.write('  node [shape=box, style=rounded, fontname="Helvetica"];\n')
    out.write('  edge [color=gray40, fontname="Helvetica", fontsize=9, fontcolor=gray30];\n')
    for node in view.nodes:
        out.write(
            f"  {_dot(node['id'])} [label={_dot(node['label'])}, tooltip={_dot(node['name'])}];\n"
        )
    for edge in view.edges:
        width = 1 + round(4 * edge["weight"] / top, 1)
        label = f"label={edge['weight']}, " if edge["weight"] > 1 else ""
        out.write(
            f"  {_dot(edge['source'])} -- {_dot(edge['target'])} "
            f"[weight={edge['weight']}, penwidth={width}, {label}"
            f"tooltip={_dot(', '.join(edge['collaborations']))}];\n"
        )
    out.write("}\n")


def _dot(text: str) -> str:
    """A DOT quoted string."""
    escaped = _printable(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def graph_mermaid(view: GraphView, out: TextIO) -> None:
    """A Mermaid flowchart, for a ```mermaid block in GitHub Markdown."""
    names = {node["id"]: f"n{number}" for number, node in enumerate(view.nodes)}
    out.write(f"%% {_printable(view.title)}\n")
    out.write("graph LR\n")
    for node in view.nodes:
        out.write(f'  {names[node["id"]]}["{_mermaid(node["label"])}"]\n')
    for edge in view.edges:
        out.write(f"  {names[edge['source']]} ---|{edge['weight']}| {names[edge['target']]}\n")


def _mermaid(text: str) -> str:
    """Text for inside a quoted Mermaid label: quotes and markup as entity codes."""
    return "".join(f"#{ord(ch)};" if ch in '"#<>&[]{}|`' else ch for ch in _printable(text))


def graph_graphml(view: GraphView, out: TextIO) -> None:
    """GraphML (for Gephi, yEd, Cytoscape): well-formed XML written by ElementTree."""
    from xml.etree import ElementTree as ET

    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    keys = (
        ("label", "node", "string"),
        ("name", "node", "string"),
        ("kind", "node", "string"),
        ("countries", "node", "string"),
        ("weight", "edge", "int"),
        ("collaborations", "edge", "string"),
    )
    for name, domain, kind in keys:
        ET.SubElement(
            root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind}
        )
    graph = ET.SubElement(root, "graph", id="spacecli", edgedefault="undirected")
    for node in view.nodes:
        element = ET.SubElement(graph, "node", id=_xml(node["id"]))
        for key in ("label", "name", "kind", "countries"):
            ET.SubElement(element, "data", key=key).text = _xml(cell_text(node[key], None))
    for number, edge in enumerate(view.edges):
        element = ET.SubElement(
            graph, "edge", id=f"e{number}", source=_xml(edge["source"]), target=_xml(edge["target"])
        )
        ET.SubElement(element, "data", key="weight").text = str(edge["weight"])
        ET.SubElement(element, "data", key="collaborations").text = _xml(
            cell_text(edge["collaborations"], None)
        )
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _printable(text: str) -> str:
    """`text` with control characters (line breaks included) turned into spaces."""
    return "".join(" " if ord(ch) < 32 or 127 <= ord(ch) < 160 else ch for ch in text)


def _xml(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold, even escaped."""
    return "".join(
        ch
        for ch in _printable(text)
        if not (0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in (0xFFFE, 0xFFFF))
    )


GRAPH_RENDERERS: dict[GraphFormat, Callable[[GraphView, TextIO], None]] = {
    GraphFormat.TABLE: lambda view, out: render_table(view.edge_list, out),
    GraphFormat.CSV: lambda view, out: render_csv(view.edge_list, out),
    GraphFormat.JSON: graph_json,
    GraphFormat.DOT: graph_dot,
    GraphFormat.MERMAID: graph_mermaid,
    GraphFormat.GRAPHML: graph_graphml,
}


# -- tables for people --------------------------------------------------------------------


def render_table(view: View, out: TextIO, *, pager: bool = False) -> None:
    """A rich table for people: on a terminal, fitted to its width, coloured, long lists
    shortened, and paged when taller than the terminal and `pager` allows; piped, plain and
    one line per record whatever the width, so grep, awk, cut and sort work on it (gh does
    the same)."""
    if isinstance(view, ListView) and not view.records:
        _note(view.empty)
        return
    terminal = is_terminal(out)
    colour = use_colour(out)
    buffer = _Buffer(getattr(out, "encoding", None) or "utf-8")
    console = _console(buffer, colour, width=None if terminal else PIPED_WIDTH)
    look = _Look(colour, piped=not terminal)
    if isinstance(view, ListView):
        _print(console, view.title, _table(view.columns, view.records, look, console.width))
    else:
        _print_detail(console, view, look)
    text = buffer.getvalue()
    if not colour:
        # Plain: the same rows and columns, without the padding rich puts after titles.
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    if not (pager and terminal and page(text, getattr(out, "encoding", None) or "utf-8")):
        out.write(text)


def page(text: str, encoding: str) -> bool:
    """Show `text` through the user's pager when it is taller than the terminal, as git and
    gh do: `PAGER`, or `less` with `LESS=FRX` (quit when it fits, keep colours, leave the
    screen) unless LESS is set. False when nothing was paged: the text fits, PAGER is empty
    or `cat`, or the pager cannot be started; the caller then writes it itself."""
    import shlex
    import shutil
    import signal
    import subprocess

    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    command = shlex.split(os.environ.get("PAGER", "less"))
    if not command or command == ["cat"] or shutil.which(command[0]) is None:
        return False
    environ = {"LESS": "FRX", **os.environ}
    sys.stdout.flush()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the pager
    try:
        subprocess.run(command, input=text.encode(encoding, "backslashreplace"), env=environ)
    except OSError:
        return False
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


#: How wide a piped table may grow before a cell wraps: wide enough that none does.
PIPED_WIDTH = 100_000
#: On a terminal, a cell listing more items than this shows the first few and "... and N more".
SHOWN_ITEMS = 5


class _Look(NamedTuple):
    """How a table is drawn: in colour, and for a pipe (one line a record) or a terminal."""

    colour: bool
    piped: bool


class _Buffer(io.StringIO):
    """Text held for a stream: rich draws ASCII boxes when that stream's encoding is not UTF."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


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
    sys.stderr.write(f"{visible(message)}\n")


# C0 and C1 control characters (but the line break), DEL, and the bidirectional embeddings,
# overrides and isolates that can reorder what a terminal shows ("Trojan Source").
_CONTROL = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x00, 0x0A),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,  # line and paragraph separators: line breaks to some tools, not to others
        0x2029,
        *range(0x200B, 0x2010),  # zero-width spaces, joiners and marks
        *range(0x2060, 0x2065),
        0xFEFF,
    )
}
_CONTROL |= {ord("\t"): "\\t", ord("\r"): "\\r"}


def visible(text: str) -> str:
    """`text` safe to print on a terminal: control characters shown as escapes (\\x1b, \\r).

    Data may hold anything; a table shows it literally, never letting it move the cursor,
    change colours or reorder the line. Line breaks are kept.
    """
    return text.translate(_CONTROL)


def _console(out: TextIO, colour: bool, width: int | None = None) -> Console:
    from rich.console import Console

    return Console(
        file=out,
        width=width,
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


BAR_WIDTH = 40
# Heat-map cells from cold to hot, in the 8 basic colours so every colour terminal shows them.
_HEAT = ("white on blue", "black on cyan", "black on yellow", "bold white on red")


def _table(
    columns: tuple[Column, ...],
    records: list[Record],
    look: _Look,
    width: int = PIPED_WIDTH,
) -> RenderableType:
    """A table of `records`. On a terminal, columns empty in every row are left out, and no
    word, id or URL is split: columns get at least their longest word, and when even that
    is wider than the terminal each record is printed as a block of "Header  value" lines."""
    from rich.table import Table

    cells = [[_cell(column, record, look) for column in columns] for record in records]
    shown = list(range(len(columns)))
    if not look.piped:
        shown = [i for i in shown if any(row[i].plain for row in cells)] or shown
    headers = [visible(columns[i].header) for i in shown]
    widths: list[int | None] = [None] * len(shown)
    if not look.piped:
        fitted = _fit(
            [[headers[n], *(row[i].plain for row in cells)] for n, i in enumerate(shown)],
            width - (3 * len(shown) + 1),
        )
        if fitted is None:
            return _cards(headers, [[row[i] for i in shown] for row in cells])
        widths = list(fitted)
    table = Table(box=_box("HEAVY_HEAD"), expand=False)
    for n, i in enumerate(shown):
        column = columns[i]
        if column.look == "bar" or look.piped:
            table.add_column(headers[n], no_wrap=True)
        else:
            table.add_column(
                headers[n],
                width=widths[n],
                overflow="fold",
                justify="right" if column.look == "heat" else "left",
            )
    for row in cells:
        table.add_row(*(row[i] for i in shown))
    return table


def _link(url: str, look: _Look) -> Text:
    """A URL as a terminal hyperlink (OSC 8) in colour; plain text anywhere else."""
    from rich.style import Style
    from rich.text import Text

    shown = visible(url)
    return Text(shown, style=Style(link=shown) if look.colour else "")


def _print(console: Console, title: str | None, shown: RenderableType) -> None:
    """Print a title on a line of its own, never wrapped, then a table, or cards with
    nothing wrapped or cut by rich: the terminal wraps a line too long for it, so a URL or
    an id stays whole when copied."""
    from rich.table import Table
    from rich.text import Text

    if title is not None:
        console.print(Text(visible(title)), soft_wrap=True)
    console.print(shown, soft_wrap=not isinstance(shown, Table))


def _fit(columns: list[list[str]], room: int) -> list[int] | None:
    """Widths for columns of these texts within `room` characters that split no word, or
    None when their longest words alone do not fit."""
    from rich.cells import cell_len

    wanted = [
        max(cell_len(line) for text in texts for line in text.split("\n")) for texts in columns
    ]
    least = [
        max((cell_len(word) for text in texts for word in text.split()), default=0)
        for texts in columns
    ]
    least = [max(1, n) for n in least]
    if sum(wanted) <= room:
        return wanted
    if sum(least) > room:
        return None

    # Cap the widest columns first, as rich does, but never below a column's longest word:
    # the largest cap that fits.
    def capped(cap: int) -> list[int]:
        return [max(m, min(w, cap)) for w, m in zip(wanted, least, strict=True)]

    cap = max(wanted)
    while sum(capped(cap)) > room:
        cap -= 1
    return capped(cap)


def _cards(headers: list[str], rows: list[list[Text]]) -> RenderableType:
    """Records too wide for the terminal: one block a record, a header and value a line,
    long words left whole for the terminal to wrap."""
    from rich.console import Group
    from rich.text import Text

    label = max(len(header) for header in headers)
    lines: list[RenderableType] = [Text()]
    for number, row in enumerate(rows):
        if number:
            lines.append(Text())
        for header, cell in zip(headers, row, strict=True):
            if cell.plain:
                line = Text(f"{header:<{label}}  ", style="bold")
                line.append_text(cell)
                lines.append(line)
    return Group(*lines)


def _cell(column: Column, record: Record, look: _Look) -> Text:
    """A table cell: the text (never read as markup), a bar, or a shaded number."""
    from rich.text import Text

    value = record.get(column.key)
    if column.look == "bar":
        length = round(BAR_WIDTH * value / column.scale) if column.scale and value else 0
        length = max(length, 1) if value else 0
        return Text("█" * length, style="cyan") if look.colour else Text("#" * length)
    if column.look == "heat" and look.colour and isinstance(value, int) and column.scale:
        if value == 0:
            return Text(visible(column.text(record)), style="dim")
        level = min(len(_HEAT) - 1, (len(_HEAT) * value - 1) // column.scale)
        return Text(f" {visible(column.text(record))} ", style=_HEAT[level])
    if look.piped:  # one line a record: a line break in the data becomes a space
        return Text(" ".join(visible(column.text(record)).split("\n")))
    if isinstance(value, list) and len(value) > SHOWN_ITEMS and not column.whole_record:
        shown = column.text({**record, column.key: value[:3]})
        return Text(visible(f"{shown} ... and {len(value) - 3} more"))
    return Text(visible(column.text(record)))


def _print_detail(console: Console, view: DetailView, look: _Look) -> None:
    from rich.table import Table
    from rich.text import Text

    links = [column for column in view.rows if column.look == "links"]
    shown = [
        (visible(column.header), visible(text))
        for column in view.rows
        if column.look != "links" and (text := column.text(view.record))
    ]
    # On a terminal, as in a list table, no word is split where the width allows.
    sides = [[header for header, _ in shown], [text for _, text in shown]]
    fitted = None if look.piped or not shown else _fit(sides, console.width - 7)
    widths: list[int | None] = list(fitted) if fitted else [None, None]
    rows = Table(show_header=False, box=_box("SQUARE"))
    rows.add_column("Field", style="bold", overflow="fold", width=widths[0])
    rows.add_column("Value", overflow="fold", width=widths[1])
    for header, text in shown:
        rows.add_row(Text(header), Text(text))
    printed = bool(shown)  # `--fields` may have kept only the sections
    if printed:
        _print(console, view.title, rows)
    for section in view.sections:
        records = view.record.get(section.key) or []
        if records:
            if printed:
                console.print()
            _print(console, section.title, _table(section.columns, records, look, console.width))
            printed = True
    for column in links:  # URLs last, one a line and whole: clickable and copyable
        text = column.text(view.record)
        if text:
            if printed:
                console.print()
            console.print(Text(visible(column.header)))
            for url in text.split("\n"):
                console.print(_link(url, look), soft_wrap=True)
            printed = True
