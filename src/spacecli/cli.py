"""The command line: parse options, run a query, hand the result to a renderer."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from spacecli import __version__, export, query, views
from spacecli import data as datafiles
from spacecli.data import load as load_dataset
from spacecli.errors import DataError, SpacecliError
from spacecli.export import ExportFormat
from spacecli.model import CollabKind, Dataset, Goal, OrgKind, Status
from spacecli.render import Format, GraphFormat, render, render_graph, visible
from spacecli.starter import STARTER

_MAX_PROBLEMS = 4  # data problems a command shows before pointing to `data validate`


class _Group(TyperGroup):
    """Turns spacecli's expected errors into one line on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except SpacecliError as error:
            lines = str(error).splitlines() or [type(error).__name__]
            if isinstance(error, DataError) and len(lines) > _MAX_PROBLEMS:
                more = len(lines) - _MAX_PROBLEMS + 1
                lines[_MAX_PROBLEMS - 1 :] = [
                    f"... and {more} more problems; 'spacecli data validate' lists them all"
                ]
            for line in lines:
                sys.stderr.write(f"spacecli: error: {visible(line)}\n")
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`spacecli ... | head -1`): stop quietly, like cat does,
            # and point stdout at /dev/null so Python's final flush has nowhere to fail.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        return result


app = typer.Typer(
    cls=_Group,
    name="spacecli",
    help=(
        "Who works with whom in space, on what, in which role, since when: an offline, "
        "sourced reference to international collaboration in space exploration.\n\n"
        "\b\nExamples:\n"
        "  spacecli partners NASA\n"
        "  spacecli missions --goal mars\n"
        "  spacecli mission JWST --json\n"
        "  spacecli compare"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    done, _, current = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    chosen = set(done.split(",")) if done else set()
    names = views.FIELDS_BY_COMMAND.get(ctx.info_name or "", ())
    return [prefix + name for name in names if name.startswith(current) and name not in chosen]


def _layers(ctx: typer.Context) -> tuple[datafiles.Layer, ...]:
    """The data files in effect for this command line: bundled, SPACECLI_DATA, --data."""
    root = ctx.find_root().params
    return datafiles.layers(
        root.get("data_files") or (), bundled=not root.get("no_bundled"), environ=os.environ
    )


def _load(ctx: typer.Context) -> Dataset:
    """The dataset this command line asks for (loaded once per process)."""
    return load_dataset(_layers(ctx))


def _complete_organisations(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _load(ctx)
    return _matching_names([(o.abbreviation, o.names) for o in data.organisations], incomplete)


def _complete_collaborations(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _load(ctx)
    return _matching_names([(c.id, c.names) for c in data.collaborations], incomplete)


def _matching_names(records: list[tuple[str, tuple[str, ...]]], incomplete: str) -> list[str]:
    wanted = incomplete.casefold()
    found: list[str] = []
    for label, names in records:
        hit = next((n for n in (label, *names) if n.casefold().startswith(wanted)), None)
        if hit is not None and hit not in found:
            found.append(hit)
    return sorted(found, key=str.casefold)


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to show, in this order (see README for each command's).",
        autocompletion=_complete_fields,
    ),
]
OrganisationArgument = Annotated[
    str,
    typer.Argument(
        help="Abbreviation, name or alias (any case).",
        autocompletion=_complete_organisations,
        metavar="NAME",
    ),
]
CollaborationArgument = Annotated[
    str,
    typer.Argument(
        help="Name, id or alias (JWST, Webb, ISS...).",
        autocompletion=_complete_collaborations,
        metavar="NAME",
    ),
]
GoalOption = Annotated[
    Goal | None,
    typer.Option("--goal", "-g", help="Only collaborations with this goal.", case_sensitive=False),
]
StatusOption = Annotated[
    Status | None,
    typer.Option(
        "--status", "-s", help="Only collaborations with this status.", case_sensitive=False
    ),
]


CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country", "-c", help="Only organisations of this country (ISO code: FR, JP...)."
    ),
]
OrgKindOption = Annotated[
    OrgKind | None,
    typer.Option("--kind", "-k", help="Only organisations of this kind.", case_sensitive=False),
]
SinceOption = Annotated[
    int | None, typer.Option("--since", help="Only collaborations begun in or after this year.")
]
UntilOption = Annotated[
    int | None, typer.Option("--until", help="Only collaborations begun in or before this year.")
]
AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        "-a",
        help="Only collaborations this organisation takes part in.",
        autocompletion=_complete_organisations,
    ),
]
ExcludeKindOption = Annotated[
    list[CollabKind] | None,
    typer.Option(
        "--exclude-kind",
        help="Leave out collaborations of this kind (repeatable): coordination, agreement...",
        case_sensitive=False,
    ),
]


class Period(StrEnum):
    """How `timeline` groups years."""

    DECADE = "decade"
    YEAR = "year"


def _check_years(since: int | None, until: int | None) -> None:
    if since is not None and until is not None and since > until:
        raise typer.BadParameter(
            f"--since {since} is after --until {until}", param_hint="'--since'"
        )


F = TypeVar("F", Format, GraphFormat)


def _format(fmt: F, as_json: bool) -> F:
    """The format asked for: --json means json, and may only stand beside the default."""
    if not as_json:
        return fmt
    if fmt.value not in ("table", "json"):
        raise typer.BadParameter(
            f"--json conflicts with --format {fmt.value}", param_hint="'--json'"
        )
    return type(fmt)("json")


def _emit(view: views.View, fmt: Format, as_json: bool, fields: str | None) -> None:
    chosen = _format(fmt, as_json)
    if fields is not None:
        try:
            view = views.select(view, [name.strip() for name in fields.split(",")])
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--fields'") from None
    render(view, chosen)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"spacecli {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    data_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help=(
                "Read this data file on top of the bundled data (repeatable; later files win). "
                "SPACECLI_DATA adds files the same way."
            ),
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    no_bundled: Annotated[
        bool,
        typer.Option("--no-bundled", help="Leave out the bundled data: only your own files."),
    ] = False,
) -> None:
    """Who works with whom in space: an offline, sourced reference."""


@app.command()
def agencies(
    ctx: typer.Context,
    country: CountryOption = None,
    kind: OrgKindOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List agencies, institutes, companies and coordination bodies.

    \b
    Examples:
      spacecli agencies
      spacecli agencies --country JP
      spacecli agencies --kind company --json
    """
    data = _load(ctx)
    _emit(
        views.agencies_view(query.agencies(data, country=country, kind=kind)), fmt, as_json, fields
    )


@app.command()
def agency(
    ctx: typer.Context,
    name: OrganisationArgument,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show one organisation: details, its collaborations and its top partners.

    \b
    Examples:
      spacecli agency ESA
      spacecli agency "Japan Aerospace Exploration Agency" --json
    """
    data = _load(ctx)
    org = query.resolve_organisation(data, name)
    view = views.agency_view(org, query.involvements(data, org), query.partners(data, org)[:5])
    _emit(view, fmt, as_json, fields)


@app.command()
def partners(
    ctx: typer.Context,
    name: OrganisationArgument,
    other: Annotated[
        str | None,
        typer.Argument(
            help="A second organisation: list what the two share.",
            autocompletion=_complete_organisations,
            metavar="[OTHER]",
        ),
    ] = None,
    goal: GoalOption = None,
    status: StatusOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List who shares collaborations with an organisation, most shared first.

    With a second name, list the collaborations the two share and each one's role.

    \b
    Examples:
      spacecli partners NASA
      spacecli partners ESA --goal mars
      spacecli partners NASA ESA
      spacecli partners JAXA --json | jq '.[0]'
    """
    data = _load(ctx)
    org = query.resolve_organisation(data, name)
    if other is None:
        view = views.partners_view(org, query.partners(data, org, goal=goal, status=status))
    else:
        second = query.resolve_organisation(data, other)
        shared = query.shared_collaborations(data, org, second, goal=goal, status=status)
        view = views.shared_view(org, second, shared)
    _emit(view, fmt, as_json, fields)


@app.command()
def missions(
    ctx: typer.Context,
    goal: GoalOption = None,
    agency: AgencyOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List joint missions, stations, telescopes, programmes and agreements, oldest first.

    \b
    Examples:
      spacecli missions --goal mars
      spacecli missions --agency JAXA --status active
      spacecli missions --since 2020 --json
    """
    data = _load(ctx)
    org = query.resolve_organisation(data, agency) if agency else None
    _check_years(since, until)
    found = query.missions(data, goal=goal, agency=org, status=status, since=since, until=until)
    _emit(views.missions_view(data, found), fmt, as_json, fields)


@app.command()
def mission(
    ctx: typer.Context,
    name: CollaborationArgument,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show one collaboration: participants with roles, years, status, summary, sources.

    \b
    Examples:
      spacecli mission JWST
      spacecli mission "ExoMars Trace Gas Orbiter" --json
    """
    data = _load(ctx)
    collab = query.resolve_collaboration(data, name)
    _emit(views.mission_view(collab, query.members(data, collab)), fmt, as_json, fields)


@app.command()
def compare(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Print the comparison table of collaborations, each row with the records behind it.

    \b
    Examples:
      spacecli compare
      spacecli compare --json
    """
    _emit(views.compare_view(query.comparison_table(_load(ctx))), fmt, as_json, fields)


@app.command()
def stats(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Count organisations, collaborations, participations, goals and countries.

    Countries taking part are those of the organisations in at least one collaboration;
    the member states of intergovernmental bodies (ESA, EUMETSAT) are counted apart.

    \b
    Examples:
      spacecli stats
      spacecli stats --json | jq .country_count
    """
    _emit(views.stats_view(query.stats(_load(ctx))), fmt, as_json, fields)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="Words or a name; small typos are forgiven.", metavar="TEXT")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many matches.")
    ] = 20,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Find organisations and collaborations by name, alias or words of their summary.

    Best matches first: whole names, then beginnings of words, then near misses.

    \b
    Examples:
      spacecli search webb
      spacecli search "bepi colombo"
      spacecli search "sample return" --json
    """
    hits = query.search(_load(ctx), text, limit=limit)
    _emit(views.search_view(text, hits), fmt, as_json, fields)


@app.command()
def path(
    ctx: typer.Context,
    start: Annotated[
        str,
        typer.Argument(
            help="The organisation to start from.",
            autocompletion=_complete_organisations,
            metavar="FROM",
        ),
    ],
    end: Annotated[
        str,
        typer.Argument(
            help="The organisation to reach.",
            autocompletion=_complete_organisations,
            metavar="TO",
        ),
    ],
    max_hops: Annotated[
        int | None,
        typer.Option("--max-hops", min=1, help="Only chains of at most this many steps."),
    ] = None,
    goal: GoalOption = None,
    exclude_kind: ExcludeKindOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show the shortest chain of shared collaborations linking two organisations.

    Each step names the collaboration the two share (missions before agreements and
    committees, then the oldest) and how many they share in all. No chain: a message on
    stderr, [] in JSON, exit 0.

    \b
    Examples:
      spacecli path ISRO ESA
      spacecli path SpaceX Roscosmos --exclude-kind coordination --exclude-kind agreement
      spacecli path KARI ISA --max-hops 2 --json
    """
    data = _load(ctx)
    first = query.resolve_organisation(data, start)
    second = query.resolve_organisation(data, end)
    hops = query.path(data, first, second, max_hops=max_hops, goal=goal, exclude=exclude_kind or ())
    _emit(views.path_view(first, second, hops, max_hops), fmt, as_json, fields)


@app.command()
def graph(
    ctx: typer.Context,
    goal: GoalOption = None,
    agency: AgencyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    exclude_kind: ExcludeKindOption = None,
    min_shared: Annotated[
        int,
        typer.Option("--min-shared", min=1, help="Only links of at least this many shared."),
    ] = 1,
    fmt: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            "-f",
            help="table and csv list the links; json, dot, mermaid and graphml hold the graph.",
            case_sensitive=False,
        ),
    ] = GraphFormat.TABLE,
    as_json: JsonOption = False,
) -> None:
    """Export the collaboration network: organisations linked by what they share.

    A link's weight is the number of collaborations the two share. DOT renders with
    Graphviz, Mermaid in GitHub Markdown, GraphML opens in Gephi, yEd and Cytoscape.

    \b
    Examples:
      spacecli graph --goal mars
      spacecli graph --min-shared 5 --format dot | dot -Tsvg > network.svg
      spacecli graph --agency ISRO --format mermaid
      spacecli graph --format graphml > network.graphml
    """
    data = _load(ctx)
    org = query.resolve_organisation(data, agency) if agency else None
    _check_years(since, until)
    net = query.graph(
        data,
        goal=goal,
        agency=org,
        since=since,
        until=until,
        exclude=exclude_kind or (),
        min_shared=min_shared,
    )
    title = (
        f"spacecli collaboration network: {len(net.nodes)} organisations, {len(net.edges)} links"
    )
    render_graph(views.graph_view(net, title), _format(fmt, as_json))


@app.command()
def matrix(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Organisations to compare (default: the most connected).",
            autocompletion=_complete_organisations,
            show_default=False,
            metavar="[NAMES]...",
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", min=1, help="Without names: how many of the most connected to show."),
    ] = 8,
    goal: GoalOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show how many collaborations each pair of organisations shares, as a heat map.

    Without names, the organisations in the most collaborations, most first.

    \b
    Examples:
      spacecli matrix
      spacecli matrix NASA ESA JAXA CSA Roscosmos
      spacecli matrix --goal moon --top 6 --format csv
    """
    data = _load(ctx)
    if names:
        orgs = [query.resolve_organisation(data, name) for name in names]
    else:
        orgs = query.most_connected(data, top, goal=goal)
    _emit(views.matrix_view(query.matrix(data, orgs, goal=goal)), fmt, as_json, fields)


@app.command()
def timeline(
    ctx: typer.Context,
    agency: AgencyOption = None,
    goal: GoalOption = None,
    by: Annotated[
        Period,
        typer.Option("--by", help="Count per decade or per year.", case_sensitive=False),
    ] = Period.DECADE,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Count collaborations by the year or decade they began, as bars.

    Periods between the first and the last are shown even when empty.

    \b
    Examples:
      spacecli timeline
      spacecli timeline --agency ISRO --by year
      spacecli timeline --goal moon --json
    """
    data = _load(ctx)
    org = query.resolve_organisation(data, agency) if agency else None
    found = query.missions(data, goal=goal, agency=org)
    periods = query.timeline(found, decades=by is Period.DECADE)
    about = " and ".join(
        part for part in (org.abbreviation if org else "", goal.value if goal else "") if part
    )
    title = f"Collaborations begun per {by.value}" + (f" ({about})" if about else "")
    _emit(views.timeline_view(periods, title), fmt, as_json, fields)


@app.command()
def goals(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List the goals collaborations pursue, what each covers, and how many pursue it.

    \b
    Examples:
      spacecli goals
      spacecli goals --json | jq -r '.[].goal'
    """
    _emit(views.goals_view(query.goals(_load(ctx))), fmt, as_json, fields)


data_app = typer.Typer(
    name="data",
    help=(
        "See, check, export and start data files.\n\n"
        "\b\nExamples:\n"
        "  spacecli data sources\n"
        "  spacecli data init mine.toml\n"
        "  spacecli --data mine.toml data validate\n"
        "  spacecli data export --format sqlite -o space.db"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(data_app)


@data_app.command("sources")
def data_sources(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List the data files in effect, in the order they apply, and what each adds or replaces.

    The bundled file comes first (unless --no-bundled), then SPACECLI_DATA's files, then
    each --data file. A record whose id is already known replaces it; a new id adds one.

    \b
    Examples:
      spacecli data sources
      spacecli --data mine.toml data sources --json
    """
    _emit(views.sources_view(datafiles.describe(_layers(ctx))), fmt, as_json, fields)


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
    checked = (*_layers(ctx), *(datafiles.Layer(path, "argument") for path in files or ()))
    if not checked:
        raise SpacecliError("nothing to check: give a file, or leave out --no-bundled")
    try:
        data = datafiles.merge([datafiles.read_part(layer.path) for layer in checked])
    except DataError as error:
        for problem in error.problems:
            sys.stderr.write(f"spacecli: error: {visible(problem)}\n")
        sys.stderr.write(
            f"spacecli: {_count(len(error.problems), 'problem')} "
            f"in {_count(len(checked), 'file')}\n"
        )
        raise typer.Exit(DataError.exit_code) from None
    sys.stdout.write(f"valid: {_count(len(checked), 'file')}, {_contents(data)}\n")


def _count(number: int, thing: str) -> str:
    """'1 file', '2 files', '1 comparison row', '0 comparison rows'."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _contents(data: Dataset) -> str:
    return (
        f"{_count(len(data.organisations), 'organisation')}, "
        f"{_count(len(data.collaborations), 'collaboration')}, "
        f"{_count(len(data.comparisons), 'comparison row')}"
    )


@data_app.command("export")
def data_export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help=(
                "toml: a data file spacecli can load; json: the same as JSON; csv: one row per "
                "organisation in a collaboration; sqlite: a database of linked tables."
            ),
            case_sensitive=False,
        ),
    ] = ExportFormat.TOML,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (default: standard output; sqlite needs a file).",
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
    data = _load(ctx)
    org = query.resolve_organisation(data, agency) if agency else None
    _check_years(since, until)
    part = export.subset(
        data,
        goal=goal,
        agency=org,
        status=status,
        since=since,
        until=until,
        country=country,
        kind=kind,
    )
    if output is None:
        if fmt is ExportFormat.SQLITE:
            raise typer.BadParameter("sqlite needs a file: add -o PATH", param_hint="'--output'")
        export.TEXT_WRITERS[fmt](part, sys.stdout)
        return
    keep = [layer.path for layer in _layers(ctx)]
    export.export(part, fmt, output, force=force, keep=keep)
    sys.stderr.write(f"wrote {output}: {_contents(part)}\n")


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
    keep = [layer.path for layer in _layers(ctx)]
    export.safe_write(
        path, lambda tmp: tmp.write_text(STARTER, encoding="utf-8"), force=force, keep=keep
    )
    sys.stderr.write(
        f"wrote {path}: edit it, then check it with: spacecli --data {path} data validate\n"
    )


def main() -> None:
    """Console-script entry point.

    Typer turns every registered command into a click command on each run, which costs
    about a millisecond per command. When the command line names one command, only that
    one is registered for this process; help, completion of command names and anything
    unexpected keep them all.
    """
    wanted = requested_command(sys.argv[1:], os.environ)
    if wanted is not None:
        app.registered_commands = [
            info for info in app.registered_commands if _command_name(info) == wanted
        ]
        app.registered_groups = [
            info for info in app.registered_groups if _group_name(info) == wanted
        ]
    app()


_ROOT_OPTIONS_WITH_VALUES = ("--data",)


def requested_command(argv: list[str], environ: Mapping[str, str]) -> str | None:
    """The command a command line runs, or None when it may need every command.

    Under shell completion the words come from the completion variables, and a command is
    named only once the word after it is being completed.
    """
    shell = environ.get("_SPACECLI_COMPLETE", "")
    if shell:
        if shell.endswith("bash"):
            words = environ.get("COMP_WORDS", "").split()[1:]
            current = int(environ.get("COMP_CWORD", "0") or 0) - 1
        else:
            words = environ.get("_TYPER_COMPLETE_ARGS", "").split()[1:]
            current = (
                len(words)
                if environ.get("_TYPER_COMPLETE_ARGS", "").endswith(" ")
                else (len(words) - 1)
            )
        return _first_command(words, before=current)
    return _first_command(argv, before=len(argv))


def _first_command(words: list[str], before: int) -> str | None:
    known = {_command_name(info) for info in app.registered_commands}
    known |= {_group_name(info) for info in app.registered_groups}
    index = 0
    while index < min(len(words), before):
        word = words[index]
        if word in _ROOT_OPTIONS_WITH_VALUES:
            index += 2
            continue
        if word.startswith("-"):
            if word in ("-h", "--help", "--version"):
                return None
            index += 1
            continue
        return word if word in known else None
    return None


def _group_name(info: Any) -> str:
    return str(info.name or info.typer_instance.info.name)


def _command_name(info: Any) -> str:
    return str(info.name or info.callback.__name__.replace("_", "-"))
