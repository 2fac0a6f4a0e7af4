"""What the commands share: the error handling, the options, loading the data, emitting a view."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from spacecli import data as datafiles
from spacecli import query, views
from spacecli.errors import DataError, ExitCode, SpacecliError
from spacecli.model import CollabKind, Dataset, Goal, OrgKind, Status
from spacecli.render import Format, GraphFormat, render, visible

_MAX_PROBLEMS = 4  # data problems a command shows before pointing to `data validate`


class Group(TyperGroup):
    """Turns spacecli's expected errors, Ctrl-C and output failures into one line on stderr
    and an exit code, wherever they happen: parsing (`--help`, `--version`) or a command."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _output_guarded():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _output_guarded():
            try:
                result = super().invoke(ctx)
                sys.stdout.flush()  # a closed pipe or a full disk shows here, not at exit
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
            except KeyboardInterrupt as interrupt:
                sys.stderr.write("spacecli: error: interrupted\n")
                signum = getattr(interrupt, "signum", None)
                code = ExitCode.INTERRUPTED if signum is None else 128 + signum
                raise typer.Exit(code) from None
            return result


@contextmanager
def _output_guarded() -> Iterator[None]:
    """A reader that went away ends the run quietly (exit 0, as `cat` does); any other
    failure to write the output (a full disk, an I/O error) is one line and exit 1."""
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(ExitCode.OK) from None
    except OSError as error:
        if error.filename is not None or error.errno is None:
            raise  # not the output: a file some command reads or writes reports its own
        _silence_stdout()
        sys.stderr.write(f"spacecli: error: cannot write the output: {error.strerror}\n")
        raise typer.Exit(ExitCode.FAILURE) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout: nothing left to flush
        pass


def _complete_fields(ctx: typer.Context, incomplete: str) -> list[str]:
    done, _, current = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    chosen = set(done.split(",")) if done else set()
    params = dict(ctx.params)
    if ctx.args and not any(params.get(name) for name in ("name", "other")):
        # Completing `--fields` stops click's parsing before the arguments are assigned:
        # they are still in ctx.args, in order (`partners NASA ESA --fields ro`).
        params.update(zip(("name", "other"), ctx.args, strict=False))
    shape = views.shape_for(ctx.info_name or "", params)
    names = shape.names if shape is not None else ()
    return [prefix + name for name in names if name.startswith(current) and name not in chosen]


def layers_of(ctx: typer.Context) -> tuple[datafiles.Layer, ...]:
    """The data files in effect for this command line: bundled, SPACECLI_DATA, --data."""
    root = ctx.find_root().params
    return datafiles.layers(
        root.get("data_files") or (), bundled=not root.get("no_bundled"), environ=os.environ
    )


def load(ctx: typer.Context) -> Dataset:
    """The dataset this command line asks for, loaded once per command line.

    The memo lives on the command line's root context, so it never outlives the command
    line; the library's `spacecli.load` reads the files on every call.
    """
    meta = ctx.find_root().meta
    if "spacecli.dataset" not in meta:
        meta["spacecli.dataset"] = datafiles.load_layers(layers_of(ctx))
    dataset: Dataset = meta["spacecli.dataset"]
    return dataset


def complete_organisations(ctx: typer.Context, incomplete: str) -> list[str]:
    data = load(ctx)
    return _matching_names([(o.abbreviation, o.names) for o in data.organisations], incomplete)


def _complete_collaborations(ctx: typer.Context, incomplete: str) -> list[str]:
    data = load(ctx)
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
        help="Comma-separated fields to show, in this order (docs/reference.md lists them).",
        autocompletion=_complete_fields,
    ),
]
OrganisationArgument = Annotated[
    str,
    typer.Argument(
        help="Abbreviation, name or alias (any case).",
        autocompletion=complete_organisations,
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
        autocompletion=complete_organisations,
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


def filter_of(
    data: Dataset,
    *,
    goal: Goal | None = None,
    agency: str | None = None,
    status: Status | None = None,
    since: int | None = None,
    until: int | None = None,
) -> query.Filter:
    """The collaboration filter the options of a command make (the agency by name)."""
    if since is not None and until is not None and since > until:
        raise typer.BadParameter(
            f"--since {since} is after --until {until}", param_hint="'--since'"
        )
    org = query.resolve_organisation(data, agency) if agency else None
    return query.Filter(goal, org, status, since, until)


F = TypeVar("F", Format, GraphFormat)


def output_format(fmt: F, as_json: bool) -> F:
    """The format asked for: --json means json, and may only stand beside the default."""
    if not as_json:
        return fmt
    if fmt.value not in ("table", "json"):
        raise typer.BadParameter(
            f"--json conflicts with --format {fmt.value}", param_hint="'--json'"
        )
    return type(fmt)("json")


def escape_formulas(ctx: typer.Context) -> bool:
    """Whether the command line asked for spreadsheet-safe CSV cells (--escape-formulas)."""
    return bool(ctx.find_root().params.get("escape_formulas"))


def emit(
    ctx: typer.Context, view: views.View, fmt: Format, as_json: bool, fields: str | None
) -> None:
    """Render `view` in the format asked for, limited to `fields` when given."""
    chosen = output_format(fmt, as_json)
    if fields is not None:
        try:
            view = views.select(view, [name.strip() for name in fields.split(",")])
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--fields'") from None
    render(view, chosen, escape_formulas=escape_formulas(ctx))
