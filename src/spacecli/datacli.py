"""`spacecli data`: see, check, export and start data files."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from spacecli import data as datafiles
from spacecli import export, query, views
from spacecli.errors import ExitCode, SpacecliError
from spacecli.export import ExportFormat
from spacecli.model import Dataset
from spacecli.options import (
    ActiveInOption,
    AgencyOption,
    CountryOption,
    FieldsOption,
    FormatOption,
    GoalOption,
    Group,
    JsonOption,
    LimitOption,
    OrgKindOption,
    SinceOption,
    StatusOption,
    UntilOption,
    emit,
    escape_formulas,
    filter_of,
    layers_of,
    load,
)
from spacecli.render import Format, is_terminal, to_terminal, visible
from spacecli.schema import singular
from spacecli.starter import starter

data_app = typer.Typer(
    cls=Group,
    name="data",
    help=(
        "See, check, export and start data files.\n\n"
        "\b\nExamples:\n"
        "  spacecli data sources\n"
        "  spacecli data init mine.toml\n"
        "  spacecli --data mine.toml data validate\n"
        "  spacecli data export --format sqlite -o space.db\n"
        "  spacecli data audit --strict"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@data_app.command("sources")
def data_sources(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List the data files in effect, in the order they apply, and what each adds or replaces.

    The bundled file comes first (unless --no-bundled), then SPACECLI_DATA's files, then
    each --data file. A record whose id is already known replaces it; a new id adds one.

    \b
    Examples:
      spacecli data sources
      spacecli --data mine.toml data sources --json
    """
    report = datafiles.check(layers_of(ctx))
    emit(ctx, views.sources_view(report.files), fmt, as_json, fields, limit)
    _say_replaced(report)


@data_app.command("validate")
def data_validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to check on top of those in effect (default: just those in effect).",
            metavar="[FILE]...",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check data files and report every problem: file, record and key (line:column for syntax).

    Given files are checked as if added with --data, so they may refer to the bundled
    records; add --no-bundled before `data` to check a file on its own. Exit 0 when
    valid, 3 when not.

    \b
    Examples:
      spacecli data validate
      spacecli data validate mine.toml
      spacecli --no-bundled data validate mine.toml
    """
    checked = (
        *layers_of(ctx),
        *(datafiles.Layer(path, datafiles.Origin.ARGUMENT) for path in files or ()),
    )
    if not checked:
        raise SpacecliError("nothing to check: give a file, or leave out --no-bundled")
    report = datafiles.check(checked)
    if report.dataset is None:
        for problem in report.problems:
            sys.stderr.write(f"spacecli: error: {visible(problem)}\n")
        sys.stderr.write(
            f"spacecli: {_count(len(report.problems), 'problem')} "
            f"in {_count(len(checked), 'file')}\n"
        )
        raise typer.Exit(ExitCode.DATA)
    sys.stdout.write(f"valid: {_count(len(checked), 'file')}, {_contents(report.dataset)}\n")
    _say_replaced(report)


def _say_replaced(report: datafiles.Report) -> None:
    """A note on stderr for each record a file replaces: an overlay is never silent."""
    for file in report.files:
        for section, record_id in file.replaced:
            sys.stderr.write(
                f"spacecli: note: {visible(str(file.layer.path))} replaces the {singular(section)} "
                f"{record_id!r} of an earlier file\n"
            )


def _count(number: int, thing: str) -> str:
    """'1 file', '2 files', '1 comparison row', '0 comparison rows'."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _contents(data: Dataset) -> str:
    return (
        f"{_count(len(data.organisations), 'organisation')}, "
        f"{_count(len(data.collaborations), 'collaboration')}, "
        f"{_count(len(data.comparisons), 'comparison row')}"
        + (f", {_count(len(data.withdrawn), 'withdrawn id')}" if data.withdrawn else "")
    )


@data_app.command("export")
def data_export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=(
                "toml: a data file spacecli can load; json: the same as JSON; csv: one row per "
                "organisation in a collaboration; sqlite: a database of linked tables. Default: "
                "from the -o file's extension (.toml, .json, .csv, .db/.sqlite), else toml."
            ),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write; - or nothing for standard output (sqlite needs a file).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
    goal: GoalOption = None,
    agency: AgencyOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    active_in: ActiveInOption = None,
    country: CountryOption = None,
    kind: OrgKindOption = None,
) -> None:
    """Write the data in effect, or the part the filters keep, as TOML, JSON, CSV or SQLite.

    A filtered export holds the organisations its collaborations need, so a TOML export
    loads on its own: `spacecli --no-bundled --data FILE ...`. The file is written under a
    temporary name and renamed into place: never half written, and an existing file is
    replaced only with --force (data files being read, never).

    \b
    Examples:
      spacecli data export -o everything.toml
      spacecli data export --goal mars --format json
      spacecli data export --format sqlite -o space.db
      spacecli data export --country JP --format csv -o japan.csv
    """
    fmt = _export_format(fmt, output)
    data = load(ctx)
    where = filter_of(
        data,
        goal=goal,
        agency=agency,
        status=status,
        since=since,
        until=until,
        active_in=active_in,
    )
    part = export.subset(data, where, country=country, kind=kind)
    if output is None or str(output) == "-":
        if fmt is ExportFormat.SQLITE:
            raise typer.BadParameter("sqlite needs a file: add -o PATH", param_hint="'--output'")
        text = io.StringIO()
        export.write(part, fmt, text, escape_formulas=escape_formulas(ctx))
        sys.stdout.write(
            to_terminal(text.getvalue()) if is_terminal(sys.stdout) else text.getvalue()
        )
        return
    keep = [layer.path for layer in layers_of(ctx)]
    export.export(part, fmt, output, force=force, keep=keep, escape_formulas=escape_formulas(ctx))
    sys.stderr.write(f"wrote {output}: {_contents(part)}\n")


@data_app.command("audit")
def data_audit(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when anything is found (for CI).")
    ] = False,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """Report how far the data in effect can be trusted: sources by class and what to fix.

    Findings: records with no primary or reference source, sources on no listed site,
    planned or active collaborations whose status was last confirmed more than 12 months
    ago, planned launches whose year has passed, completed or failed collaborations with no
    end year, and collaborations with the same participants begun the same year. The
    findings are the output; a summary goes to stderr. Exit 0, or 1 with --strict when
    anything is found.

    \b
    Examples:
      spacecli data audit
      spacecli data audit --strict
      spacecli --no-bundled --data mine.toml data audit --json
    """
    today = date.today()
    report = query.audit(load(ctx), (today.year, today.month))
    emit(ctx, views.audit_view(report), fmt, as_json, fields, limit)
    classes = ", ".join(f"{count} cite {name} sources" for name, count in report.by_class)
    sys.stderr.write(
        f"spacecli: {_count(report.records, 'record')} audited: {classes}; "
        f"{_count(len(report.findings), 'finding')}\n"
    )
    if strict and report.findings:
        raise typer.Exit(ExitCode.FAILURE)


_BY_EXTENSION = {
    ".toml": ExportFormat.TOML,
    ".json": ExportFormat.JSON,
    ".csv": ExportFormat.CSV,
    ".db": ExportFormat.SQLITE,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
}


def _export_format(fmt: ExportFormat | None, output: Path | None) -> ExportFormat:
    """The format asked for, or the one the file's extension names (as csvkit and DuckDB do);
    a format that contradicts the extension is a usage error, never a mislabelled file."""
    named = _BY_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return named or ExportFormat.TOML
    if named is not None and output is not None and named is not fmt:
        raise typer.BadParameter(
            f"--format {fmt.value} does not match {output}, a .{output.suffix[1:]} name; "
            "drop --format, or change the name",
            param_hint="'--format'",
        )
    return fmt


@data_app.command("init")
def data_init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The file to create.", metavar="PATH")],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a small, valid starter data file that shows every field, to edit into your own.

    \b
    Examples:
      spacecli data init mine.toml
      spacecli --data mine.toml data validate
    """
    keep = [layer.path for layer in layers_of(ctx)]
    export.safe_write(
        path, lambda tmp: tmp.write_text(starter(), encoding="utf-8"), force=force, keep=keep
    )
    sys.stderr.write(
        f"wrote {path}: edit it, then check it with: spacecli --data {path} data validate\n"
    )
