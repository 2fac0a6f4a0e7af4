"""The command line: parse options, run a query, hand the result to a renderer."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from spacecli import __version__, query, views
from spacecli.data import load_bundled
from spacecli.errors import SpacecliError
from spacecli.model import CollabKind, Goal, OrgKind, Status
from spacecli.render import Format, GraphFormat, render, render_graph


class _Group(TyperGroup):
    """Turns spacecli's expected errors into one line on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except SpacecliError as error:
            for line in str(error).splitlines() or [type(error).__name__]:
                sys.stderr.write(f"spacecli: error: {line}\n")
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


def _complete_organisations(incomplete: str) -> list[str]:
    data = load_bundled()
    return _matching_names([(o.abbreviation, o.names) for o in data.organisations], incomplete)


def _complete_collaborations(incomplete: str) -> list[str]:
    data = load_bundled()
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


def _emit(view: views.View, fmt: Format, as_json: bool, fields: str | None) -> None:
    if as_json and fmt not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter(
            f"--json conflicts with --format {fmt.value}", param_hint="'--json'"
        )
    if fields is not None:
        try:
            view = views.select(view, [name.strip() for name in fields.split(",")])
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--fields'") from None
    render(view, Format.JSON if as_json else fmt)


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
) -> None:
    """Who works with whom in space: an offline, sourced reference."""


@app.command()
def agencies(
    country: Annotated[
        str | None,
        typer.Option(
            "--country", "-c", help="Only organisations of this country (ISO code: FR, JP...)."
        ),
    ] = None,
    kind: Annotated[
        OrgKind | None,
        typer.Option("--kind", "-k", help="Only organisations of this kind.", case_sensitive=False),
    ] = None,
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
    data = load_bundled()
    _emit(
        views.agencies_view(query.agencies(data, country=country, kind=kind)), fmt, as_json, fields
    )


@app.command()
def agency(
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
    data = load_bundled()
    org = query.resolve_organisation(data, name)
    view = views.agency_view(org, query.involvements(data, org), query.partners(data, org)[:5])
    _emit(view, fmt, as_json, fields)


@app.command()
def partners(
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
    data = load_bundled()
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
    data = load_bundled()
    org = query.resolve_organisation(data, agency) if agency else None
    _check_years(since, until)
    found = query.missions(data, goal=goal, agency=org, status=status, since=since, until=until)
    _emit(views.missions_view(data, found), fmt, as_json, fields)


@app.command()
def mission(
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
    data = load_bundled()
    collab = query.resolve_collaboration(data, name)
    _emit(views.mission_view(collab, query.members(data, collab)), fmt, as_json, fields)


@app.command()
def compare(
    fmt: FormatOption = Format.TABLE, as_json: JsonOption = False, fields: FieldsOption = None
) -> None:
    """Print the comparison table of collaborations, each row with the records behind it.

    \b
    Examples:
      spacecli compare
      spacecli compare --json
    """
    _emit(views.compare_view(query.comparison_table(load_bundled())), fmt, as_json, fields)


@app.command()
def stats(
    fmt: FormatOption = Format.TABLE, as_json: JsonOption = False, fields: FieldsOption = None
) -> None:
    """Count organisations, collaborations, participations, goals and countries.

    Countries taking part are those of the organisations in at least one collaboration;
    the member states of intergovernmental bodies (ESA, EUMETSAT) are counted apart.

    \b
    Examples:
      spacecli stats
      spacecli stats --json | jq .country_count
    """
    _emit(views.stats_view(query.stats(load_bundled())), fmt, as_json, fields)


@app.command()
def search(
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
    hits = query.search(load_bundled(), text, limit=limit)
    _emit(views.search_view(text, hits), fmt, as_json, fields)


@app.command()
def path(
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
    data = load_bundled()
    first = query.resolve_organisation(data, start)
    second = query.resolve_organisation(data, end)
    hops = query.path(data, first, second, max_hops=max_hops, goal=goal, exclude=exclude_kind or ())
    _emit(views.path_view(first, second, hops, max_hops), fmt, as_json, fields)


@app.command()
def graph(
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
    data = load_bundled()
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
    if as_json and fmt not in (GraphFormat.TABLE, GraphFormat.JSON):
        raise typer.BadParameter(
            f"--json conflicts with --format {fmt.value}", param_hint="'--json'"
        )
    render_graph(views.graph_view(net, title), GraphFormat.JSON if as_json else fmt)


@app.command()
def matrix(
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
    data = load_bundled()
    if names:
        orgs = [query.resolve_organisation(data, name) for name in names]
    else:
        orgs = query.most_connected(data, top, goal=goal)
    _emit(views.matrix_view(query.matrix(data, orgs, goal=goal)), fmt, as_json, fields)


@app.command()
def timeline(
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
    data = load_bundled()
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
    fmt: FormatOption = Format.TABLE, as_json: JsonOption = False, fields: FieldsOption = None
) -> None:
    """List the goals collaborations pursue, what each covers, and how many pursue it.

    \b
    Examples:
      spacecli goals
      spacecli goals --json | jq -r '.[].goal'
    """
    _emit(views.goals_view(query.goals(load_bundled())), fmt, as_json, fields)


def main() -> None:
    """Console-script entry point."""
    app()
