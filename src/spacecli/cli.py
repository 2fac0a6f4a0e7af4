"""The command line: parse options, run a query, hand the result to a renderer."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from spacecli import __version__, query, views
from spacecli.data import load_bundled
from spacecli.errors import SpacecliError
from spacecli.model import Goal, OrgKind, Status
from spacecli.render import Format, render


class _Group(TyperGroup):
    """Turns spacecli's expected errors into one line on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SpacecliError as error:
            for line in str(error).splitlines() or [type(error).__name__]:
                sys.stderr.write(f"spacecli: error: {line}\n")
            raise typer.Exit(error.exit_code) from None


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
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
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


def _emit(view: views.View, fmt: Format, as_json: bool) -> None:
    if as_json and fmt not in (Format.TABLE, Format.JSON):
        raise typer.BadParameter(f"--json conflicts with --format {fmt.value}")
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
) -> None:
    """List agencies, institutes, companies and coordination bodies.

    \b
    Examples:
      spacecli agencies
      spacecli agencies --country JP
      spacecli agencies --kind company --json
    """
    data = load_bundled()
    _emit(views.agencies_view(query.agencies(data, country=country, kind=kind)), fmt, as_json)


@app.command()
def agency(
    name: Annotated[str, typer.Argument(help="Abbreviation, name or alias (any case).")],
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
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
    _emit(view, fmt, as_json)


@app.command()
def partners(
    name: Annotated[str, typer.Argument(help="The organisation whose partners to list.")],
    other: Annotated[
        str | None, typer.Argument(help="A second organisation: list what the two share.")
    ] = None,
    goal: GoalOption = None,
    status: StatusOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
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
    _emit(view, fmt, as_json)


@app.command()
def missions(
    goal: GoalOption = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", "-a", help="Only those this organisation takes part in."),
    ] = None,
    status: StatusOption = None,
    since: Annotated[
        int | None, typer.Option("--since", help="Only those that began in or after this year.")
    ] = None,
    until: Annotated[
        int | None, typer.Option("--until", help="Only those that began in or before this year.")
    ] = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
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
    found = query.missions(data, goal=goal, agency=org, status=status, since=since, until=until)
    _emit(views.missions_view(data, found), fmt, as_json)


@app.command()
def mission(
    name: Annotated[str, typer.Argument(help="Name, id or alias (JWST, Webb, ISS...).")],
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
) -> None:
    """Show one collaboration: participants with roles, years, status, summary, sources.

    \b
    Examples:
      spacecli mission JWST
      spacecli mission "ExoMars Trace Gas Orbiter" --json
    """
    data = load_bundled()
    collab = query.resolve_collaboration(data, name)
    _emit(views.mission_view(collab, query.members(data, collab)), fmt, as_json)


@app.command()
def compare(fmt: FormatOption = Format.TABLE, as_json: JsonOption = False) -> None:
    """Print the comparison table of collaborations, each row with the records behind it.

    \b
    Examples:
      spacecli compare
      spacecli compare --json
    """
    _emit(views.compare_view(query.comparison_table(load_bundled())), fmt, as_json)


@app.command()
def stats(fmt: FormatOption = Format.TABLE, as_json: JsonOption = False) -> None:
    """Count organisations, collaborations, participations, goals and countries.

    Countries taking part are those of the organisations in at least one collaboration;
    the member states of intergovernmental bodies (ESA, EUMETSAT) are counted apart.

    \b
    Examples:
      spacecli stats
      spacecli stats --json | jq .country_count
    """
    _emit(views.stats_view(query.stats(load_bundled())), fmt, as_json)


def main() -> None:
    """Console-script entry point."""
    app()
