"""The command line: parse options, run a query, hand the result to a renderer."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from spacecli import __version__, query, views
from spacecli.datacli import data_app
from spacecli.options import (
    ActiveInOption,
    AgencyOption,
    CollaborationArgument,
    CountriesOption,
    CountryOption,
    ExcludeKindOption,
    FieldsOption,
    FormatOption,
    GoalOption,
    Group,
    JsonOption,
    LimitOption,
    OrganisationArgument,
    OrgKindOption,
    Period,
    SinceOption,
    StatusOption,
    UntilOption,
    complete_organisations,
    emit,
    escape_formulas,
    filter_of,
    load,
    output_format,
)
from spacecli.render import Format, GraphFormat, render_graph

app = typer.Typer(
    cls=Group,
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
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long tables straight to the terminal instead of through $PAGER (less).",
        ),
    ] = False,
    escape_formulas: Annotated[
        bool,
        typer.Option(
            "--escape-formulas",
            help=(
                "In CSV and TSV, put ' before a cell that starts with =, +, -, @, tab or CR, "
                "so a spreadsheet shows it rather than running it as a formula."
            ),
        ),
    ] = False,
) -> None:
    """Who works with whom in space: an offline, sourced reference."""


class Grouping(StrEnum):
    """What `partners --by` counts: organisations, or the countries they are based in."""

    ORGANISATION = "organisation"
    COUNTRY = "country"


MembersOption = Annotated[
    bool,
    typer.Option(
        "--members",
        help=(
            "With --by country: count an intergovernmental body (ESA, EUMETSAT) for each of "
            "its member states of today instead of as itself."
        ),
    ),
]
ByCountryOption = Annotated[
    Grouping,
    typer.Option(
        "--by",
        help=(
            "country: fold organisations into the countries they are based in (names are then "
            "countries: US, Japan); intergovernmental and coordination bodies stay themselves."
        ),
        case_sensitive=False,
    ),
]


def _members_need_country(by: Grouping, members: bool) -> None:
    if members and by is not Grouping.COUNTRY:
        raise typer.BadParameter("--members only means something with --by country")


@app.command()
def agencies(
    ctx: typer.Context,
    country: CountryOption = None,
    kind: OrgKindOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List agencies, institutes, companies and coordination bodies.

    \b
    Examples:
      spacecli agencies
      spacecli agencies --country JP
      spacecli agencies --kind company --json
    """
    data = load(ctx)
    emit(
        ctx,
        views.agencies_view(query.agencies(data, country=country, kind=kind)),
        fmt,
        as_json,
        fields,
        limit,
    )


@app.command()
def agency(
    ctx: typer.Context,
    name: OrganisationArgument,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    active_in: ActiveInOption = None,
) -> None:
    """Show one organisation: details, its collaborations and its top partners.

    \b
    Examples:
      spacecli agency ESA
      spacecli agency Roscosmos --active-in 2023
      spacecli agency "Japan Aerospace Exploration Agency" --json
    """
    data = load(ctx)
    org = query.resolve_organisation(data, name)
    where = query.Filter(active_in=active_in)
    view = views.agency_view(
        org,
        query.involvements(data, org, active_in=active_in),
        query.partners(data, org, where=where)[:5],
        query.lineage(data, org),
    )
    emit(ctx, view, fmt, as_json, fields)


@app.command()
def partners(
    ctx: typer.Context,
    name: OrganisationArgument,
    other: Annotated[
        str | None,
        typer.Argument(
            help="A second organisation: list what the two share.",
            autocompletion=complete_organisations,
            metavar="[OTHER]",
        ),
    ] = None,
    goal: GoalOption = None,
    status: StatusOption = None,
    lineage: Annotated[
        bool,
        typer.Option(
            "--lineage",
            help="Count the collaborations of the organisations that became it too (JAXA: "
            "NASDA, ISAS, NAL).",
        ),
    ] = False,
    by: Annotated[
        Grouping,
        typer.Option(
            "--by",
            help=(
                "country: NAME (and OTHER) are countries, and organisations are folded into "
                "the countries they are based in."
            ),
            case_sensitive=False,
        ),
    ] = Grouping.ORGANISATION,
    members: MembersOption = False,
    active_in: ActiveInOption = None,
    left_after: Annotated[
        int | None,
        typer.Option(
            "--left-after",
            help=(
                "Only partners it worked with in this year and in no later one: who it stopped "
                "working with after YEAR."
            ),
            metavar="YEAR",
        ),
    ] = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List who shares collaborations with an organisation, most shared first.

    With a second name, list the collaborations the two share and each one's role.
    --active-in YEAR counts only what ran that year, with whoever took part that year;
    --left-after YEAR lists the partners worked with in YEAR and never after it.

    \b
    Examples:
      spacecli partners NASA
      spacecli partners ESA --goal mars
      spacecli partners NASA ESA
      spacecli partners JAXA --lineage
      spacecli partners Roscosmos --active-in 2023
      spacecli partners Roscosmos --left-after 2022
      spacecli partners India --by country
      spacecli partners US RU --by country
      spacecli partners JAXA --json | jq '.[0]'
    """
    data = load(ctx)
    _members_need_country(by, members)
    if by is Grouping.COUNTRY:
        if lineage or left_after is not None:
            raise typer.BadParameter(
                "--by country cannot be combined with --lineage or --left-after",
                param_hint="'--by'",
            )
        where = filter_of(data, goal=goal, status=status, active_in=active_in)
        place = query.resolve_country(name)
        if other is None:
            links = query.partner_countries(data, place, where, members=members)
            view = views.country_partners_view(place, links)
        else:
            there = query.resolve_country(other)
            shared = query.between_countries(data, place, there, where, members=members)
            view = views.missions_view(data, shared)
            view = view._replace(
                title=f"What {place.name} and {there.name} share",
                empty=f"{place.name} and {there.name} share no collaboration that matches",
            )
        emit(ctx, view, fmt, as_json, fields, limit)
        return
    org = query.resolve_organisation(data, name)
    if left_after is not None and (other is not None or active_in is not None):
        raise typer.BadParameter(
            "--left-after lists partners of one organisation; it cannot be combined with a "
            "second name or --active-in",
            param_hint="'--left-after'",
        )
    where = filter_of(data, goal=goal, status=status, active_in=active_in)
    if left_after is not None:
        gone = query.former_partners(data, org, left_after, where=where, lineage=lineage)
        view = views.partners_view(org, gone)
    elif other is None:
        view = views.partners_view(org, query.partners(data, org, where=where, lineage=lineage))
    else:
        second = query.resolve_organisation(data, other)
        view = views.shared_view(
            org, second, query.shared_collaborations(data, org, second, where=where)
        )
    emit(ctx, view, fmt, as_json, fields, limit)


@app.command()
def missions(
    ctx: typer.Context,
    goal: GoalOption = None,
    agency: AgencyOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    active_in: ActiveInOption = None,
    country: CountriesOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List joint missions, stations, telescopes, programmes and agreements, oldest first.

    \b
    Examples:
      spacecli missions --goal mars
      spacecli missions --agency JAXA --status active
      spacecli missions --active-in 1995
      spacecli missions --country China --country France
      spacecli missions --since 2020 --json
    """
    data = load(ctx)
    where = filter_of(
        data,
        goal=goal,
        agency=agency,
        status=status,
        since=since,
        until=until,
        active_in=active_in,
        country=country,
    )
    emit(ctx, views.missions_view(data, where.apply(data)), fmt, as_json, fields, limit)


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
    data = load(ctx)
    collab = query.resolve_collaboration(data, name)
    emit(ctx, views.mission_view(collab, query.members(data, collab)), fmt, as_json, fields)


@app.command()
def compare(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """Print the comparison table of collaborations, each row with the records behind it.

    \b
    Examples:
      spacecli compare
      spacecli compare --json
    """
    emit(ctx, views.compare_view(query.comparison_table(load(ctx))), fmt, as_json, fields, limit)


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
    emit(ctx, views.stats_view(query.stats(load(ctx))), fmt, as_json, fields)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="Words or a name; small typos are forgiven.", metavar="TEXT")
    ],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, help="Show at most this many matches (a note says if cut)."
        ),
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
    hits = query.search(load(ctx), text)
    emit(ctx, views.search_view(text, hits), fmt, as_json, fields, limit)


@app.command()
def path(
    ctx: typer.Context,
    start: Annotated[
        str,
        typer.Argument(
            help="The organisation to start from.",
            autocompletion=complete_organisations,
            metavar="FROM",
        ),
    ],
    end: Annotated[
        str,
        typer.Argument(
            help="The organisation to reach.",
            autocompletion=complete_organisations,
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
    data = load(ctx)
    first = query.resolve_organisation(data, start)
    second = query.resolve_organisation(data, end)
    where = filter_of(data, goal=goal)
    hops = query.path(
        data, first, second, max_hops=max_hops, exclude=exclude_kind or (), where=where
    )
    emit(ctx, views.path_view(first, second, hops, max_hops), fmt, as_json, fields)


@app.command()
def graph(
    ctx: typer.Context,
    goal: GoalOption = None,
    agency: AgencyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    active_in: ActiveInOption = None,
    by: ByCountryOption = Grouping.ORGANISATION,
    members: MembersOption = False,
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
      spacecli graph --by country --min-shared 5
    """
    data = load(ctx)
    _members_need_country(by, members)
    if by is Grouping.COUNTRY:
        data = query.by_country(data, members=members)
    where = filter_of(data, goal=goal, agency=agency, since=since, until=until, active_in=active_in)
    net = query.graph(data, where, exclude=exclude_kind or (), min_shared=min_shared)
    title = (
        f"spacecli collaboration network: {len(net.nodes)} organisations, {len(net.edges)} links"
    )
    render_graph(
        views.graph_view(net, title),
        output_format(fmt, as_json),
        escape_formulas=escape_formulas(ctx),
    )


@app.command()
def matrix(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Organisations to compare (default: the most connected).",
            autocompletion=complete_organisations,
            show_default=False,
            metavar="[NAMES]...",
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option("--top", min=1, help="Without names: how many of the most connected to show."),
    ] = 8,
    goal: GoalOption = None,
    active_in: ActiveInOption = None,
    by: ByCountryOption = Grouping.ORGANISATION,
    members: MembersOption = False,
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
      spacecli matrix US RU JP CN --by country
    """
    data = load(ctx)
    _members_need_country(by, members)
    if by is Grouping.COUNTRY:
        data = query.by_country(data, members=members)
    where = filter_of(data, goal=goal, active_in=active_in)
    if names:
        orgs = [query.resolve_organisation(data, name) for name in names]
    else:
        orgs = query.most_connected(data, top, where=where)
    table = query.matrix(data, orgs, where=where)
    emit(ctx, views.matrix_view(table), fmt, as_json, fields)


@app.command()
def countries(
    ctx: typer.Context,
    goal: GoalOption = None,
    active_in: ActiveInOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List every country taking part, its organisations and its partner countries.

    An organisation counts for the country it is based in; intergovernmental bodies (ESA,
    EUMETSAT) and coordination bodies stand for themselves and count for none, so no
    country's figures grow from a seat it hosts.

    \b
    Examples:
      spacecli countries
      spacecli countries --goal moon --json
    """
    data = load(ctx)
    where = filter_of(data, goal=goal, active_in=active_in)
    emit(ctx, views.countries_view(query.countries(data, where)), fmt, as_json, fields, limit)


@app.command()
def country(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="A country: ISO code or English name (JP, JPN, Japan).")
    ],
    goal: GoalOption = None,
    active_in: ActiveInOption = None,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show one country: its organisations, partner countries and collaborations.

    \b
    Examples:
      spacecli country Japan
      spacecli country IN --json | jq '.partner_countries'
    """
    data = load(ctx)
    where = filter_of(data, goal=goal, active_in=active_in)
    emit(ctx, views.country_view(query.country(data, name, where)), fmt, as_json, fields)


@app.command()
def history(
    ctx: typer.Context,
    name: OrganisationArgument,
    other: Annotated[
        str,
        typer.Argument(
            help="The second organisation.",
            autocompletion=complete_organisations,
            metavar="OTHER",
        ),
    ],
    goal: GoalOption = None,
    by: Annotated[
        Period,
        typer.Option("--by", help="Per decade or per year.", case_sensitive=False),
    ] = Period.DECADE,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show two organisations' partnership over time: per decade or year, how many
    collaborations they were in together, what they began, what ended and who left.

    \b
    Examples:
      spacecli history NASA Roscosmos
      spacecli history ESA Roscosmos --by year --json
    """
    data = load(ctx)
    first = query.resolve_organisation(data, name)
    second = query.resolve_organisation(data, other)
    where = filter_of(data, goal=goal)
    chapters = query.history(data, first, second, decades=by is Period.DECADE, where=where)
    emit(ctx, views.history_view(first, second, chapters), fmt, as_json, fields)


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
    limit: LimitOption = None,
) -> None:
    """Count collaborations by the year or decade they began, as bars.

    Periods between the first and the last are shown even when empty.

    \b
    Examples:
      spacecli timeline
      spacecli timeline --agency ISRO --by year
      spacecli timeline --goal moon --json
    """
    data = load(ctx)
    where = filter_of(data, goal=goal, agency=agency)
    periods = query.timeline(where.apply(data), decades=by is Period.DECADE)
    about = " and ".join(
        [*(org.abbreviation for org in where.agencies), *(g.value for g in where.goals)]
    )
    title = f"Collaborations begun per {by.value}" + (f" ({about})" if about else "")
    emit(ctx, views.timeline_view(periods, title), fmt, as_json, fields, limit)


@app.command()
def goals(
    ctx: typer.Context,
    fmt: FormatOption = Format.TABLE,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    limit: LimitOption = None,
) -> None:
    """List the goals collaborations pursue, what each covers, and how many pursue it.

    \b
    Examples:
      spacecli goals
      spacecli goals --json | jq -r '.[].goal'
    """
    emit(ctx, views.goals_view(query.goals(load(ctx))), fmt, as_json, fields, limit)


app.add_typer(data_app)
