"""What the commands share: the error handling, the options, loading the data, emitting a view."""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from spacecli import data as datafiles
from spacecli import query, views
from spacecli.errors import DataError, ExitCode, RenamedIdWarning, SpacecliError
from spacecli.model import CollabKind, Dataset, Goal, OrgKind, Status
from spacecli.render import Format, GraphFormat, render, visible

_MAX_PROBLEMS = 4  # data problems a command shows before pointing to `data validate`


class Group(TyperGroup):
    """Turns spacecli's expected errors, Ctrl-C and output failures into one line on stderr
    and an exit code, wherever they happen: parsing (`--help`, `--version`) or a command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error is one line on stderr and exit 2."""
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        kwargs["standalone_mode"] = False
        if os.environ.get("_SPACECLI_COMPLETE", "").endswith("bash"):
            _escape_bash_completions()
        try:
            code = super().main(*args, **kwargs)
        except NoArgsIsHelpError as error:  # `spacecli` alone: the help, on stderr, exit 2
            error.show()
            sys.exit(ExitCode.USAGE)
        except UsageError as error:
            sys.stderr.write(f"spacecli: error: {visible(_usage(error))}\n")
            sys.exit(ExitCode.USAGE)
        except typer.Abort:  # Ctrl-C while the command line was read
            sys.stderr.write("spacecli: error: interrupted\n")
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the root: its options may also follow the command
            args = _root_options_first(self, args)
        return list(super().parse_args(ctx, args))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _output_guarded():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        _reject_repeats(self, ctx)
        with _output_guarded(), _notes_on_stderr():
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


def _usage(error: Any) -> str:
    """A usage error in one line, with a hint: a close option name, or where help is."""
    message = str(error.format_message()).rstrip(".")
    command = getattr(error, "command_path", None) or (
        error.ctx.command_path if error.ctx is not None else "spacecli"
    )
    if type(error).__name__ == "NoSuchOption" and error.ctx is not None:
        import difflib

        names = {
            name.lstrip("-"): name
            for param in error.ctx.command.params
            for name in getattr(param, "opts", ())
            if name.startswith("--")
        }
        wanted = error.option_name.lstrip("-")
        close = difflib.get_close_matches(wanted, list(names), n=2, cutoff=0.75)
        message = f"no such option {error.option_name} for '{command}'"
        if close:
            return f"{message} (did you mean {' or '.join(names[c] for c in close)}?)"
    return f"{message} (see '{command} --help')"


def _root_options_first(root: Any, args: list[str]) -> list[str]:
    """The command line with the root's options (--data FILE, --no-bundled...) moved before
    the command when they follow it: `spacecli partners ESA --data mine.toml` works."""
    takes_value = {
        name: not param.is_flag
        for param in root.params
        if getattr(param, "param_type_name", "") == "option"
        for name in param.opts
    }
    index = 0
    while index < len(args) and args[index].startswith("-") and args[index] != "--":
        index += 2 if takes_value.get(args[index]) else 1  # root options before the command
    moved: list[str] = []
    rest: list[str] = []
    position = index + 1
    while position < len(args):
        word = args[position]
        if word == "--":
            rest += args[position:]
            break
        name = word.split("=", 1)[0]
        if name in takes_value:
            wants = takes_value[name] and "=" not in word
            moved += args[position : position + 1 + wants]
            position += 1 + wants
            continue
        rest.append(word)
        position += 1
    return [*moved, *args[: index + 1], *rest]


def _reject_repeats(group: Any, ctx: Any) -> None:
    """An option that takes one value, given twice, is a usage error: click would keep the
    last silently (`missions --since 2000 --since 2010`). Options that take several values
    (`--goal`, `--agency`, `--status`, `--data`) may repeat."""
    args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
    command = group.get_command(ctx, args[0]) if args else None
    if command is None or hasattr(command, "commands"):
        return  # a group checks its own commands' options
    given: Counter[str] = Counter()
    for word in args[1:]:
        if word == "--":
            break
        given[word.split("=", 1)[0]] += 1
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.multiple or param.is_flag:
            continue
        times = sum(given[name] for name in param.opts)
        if times > 1:
            error = typer.BadParameter(
                f"given {times} times; it takes one value", ctx=ctx, param_hint=f"'{param.opts[0]}'"
            )
            error.command_path = f"{ctx.command_path} {args[0]}"  # type: ignore[attr-defined]
            raise error


@contextmanager
def _notes_on_stderr() -> Iterator[None]:
    """A withdrawn id that leads to its successor is said in a note on stderr, not a warning
    with a file and line: the answer on stdout stays what scripts read."""

    def note(message: Warning | str, *_: Any, **__: Any) -> None:
        sys.stderr.write(f"spacecli: note: {visible(str(message))}\n")

    with warnings.catch_warnings():
        warnings.simplefilter("always", RenamedIdWarning)
        warnings.showwarning = note
        yield


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
    """One completion per record that has a name starting with `incomplete`.

    Shells keep only the completions that start with the word as typed, case and all, so
    the names offered are those that start exactly as typed (`Exo` gives "ExoMars Trace Gas
    Orbiter", `exo` gives "exomars-tgo"); only when none does, the names that start so
    ignoring case, each as the typed word followed by the rest of the name (`nAS` gives
    "nASA").
    """
    wanted = incomplete.casefold()
    exact: list[str] = []
    loose: list[str] = []
    for label, names in records:
        candidates = (label, *names)
        hit = next((n for n in candidates if n.startswith(incomplete)), None)
        if hit is not None:
            exact.append(hit)
            continue
        hit = next((n for n in candidates if n.casefold().startswith(wanted)), None)
        if hit is not None:
            loose.append(incomplete + hit[len(incomplete) :])
    return sorted(dict.fromkeys(exact or loose), key=str.casefold)


def _escape_bash_completions() -> None:
    """Bash inserts a completion exactly as given, so `agency Japan<TAB>` put in three words;
    this registers typer's bash completion with each value backslash-escaped, as
    `printf %q` would. zsh and fish quote what they insert themselves. Registered here
    because typer registers its own classes whenever it builds the command."""
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete

    class EscapedBashComplete(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return re.sub(r"([^\w@%+=:,./-])", r"\\\1", item.value)

    add_completion_class(EscapedBashComplete, "bash")


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        help="Show at most this many records (a note on stderr says how many there were).",
        show_default=False,
    ),
]
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
    list[Goal] | None,
    typer.Option(
        "--goal",
        "-g",
        help="Only collaborations with this goal (repeat: with all of them).",
        case_sensitive=False,
        show_default=False,
    ),
]
StatusOption = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        "-s",
        help="Only collaborations with this status (repeat: with any of them).",
        case_sensitive=False,
        show_default=False,
    ),
]


CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        help="Only organisations based in this country (JP, JPN or Japan).",
        metavar="COUNTRY",
    ),
]
CountriesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help=(
            "Only collaborations with a participant based in this country (JP, JPN or Japan; "
            "repeat: all of them). Intergovernmental and coordination bodies count for none."
        ),
        metavar="COUNTRY",
    ),
]
OrgKindOption = Annotated[
    OrgKind | None,
    typer.Option("--kind", "-k", help="Only organisations of this kind.", case_sensitive=False),
]
SinceOption = Annotated[
    int | None,
    typer.Option(
        "--since",
        help="Only collaborations begun in or after this year (their start year).",
        metavar="YEAR",
    ),
]
UntilOption = Annotated[
    int | None,
    typer.Option(
        "--until",
        help=(
            "Only collaborations begun in or before this year (their start year, not when "
            "they or a participant ended: see --active-in)."
        ),
        metavar="YEAR",
    ),
]
ActiveInOption = Annotated[
    int | None,
    typer.Option(
        "--active-in",
        help=(
            "Only collaborations running in this year (begun, not ended), and in each only the "
            "participants taking part that year (joined by then, not yet left)."
        ),
        metavar="YEAR",
    ),
]
AgencyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        "-a",
        help="Only collaborations this organisation takes part in (repeat: all of them).",
        autocompletion=complete_organisations,
        show_default=False,
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
    goal: Sequence[Goal] | None = None,
    agency: Sequence[str] | None = None,
    status: Sequence[Status] | None = None,
    since: int | None = None,
    until: int | None = None,
    active_in: int | None = None,
    country: Sequence[str] | None = None,
) -> query.Filter:
    """The collaboration filter the options of a command make (organisations by name).

    Repeated --goal and --agency must all hold; repeated --status, any of them.
    """
    if since is not None and until is not None and since > until:
        raise typer.BadParameter(
            f"--since {since} is after --until {until}", param_hint="'--since'"
        )
    agencies = tuple(query.resolve_organisation(data, name) for name in dict.fromkeys(agency or ()))
    return query.Filter(
        tuple(dict.fromkeys(goal or ())),
        agencies,
        tuple(dict.fromkeys(status or ())),
        since,
        until,
        active_in,
        tuple(
            frozenset(org.id for org in query.organisations_of(data, name))
            for name in dict.fromkeys(country or ())
        ),
    )


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


def use_pager(ctx: typer.Context) -> bool:
    """Whether a long table on a terminal may go through the pager (no --no-pager)."""
    return not ctx.find_root().params.get("no_pager")


def emit(
    ctx: typer.Context,
    view: views.View,
    fmt: Format,
    as_json: bool,
    fields: str | None,
    limit: int | None = None,
) -> None:
    """Render `view` in the format asked for, limited to `fields` and to `limit` records
    when given; a list cut short says so on stderr, never silently."""
    chosen = output_format(fmt, as_json)
    if limit is not None and isinstance(view, views.ListView) and len(view.records) > limit:
        sys.stderr.write(
            f"spacecli: note: showing {limit} of {len(view.records)} records "
            "(--limit N shows more or fewer)\n"
        )
        view = view._replace(records=view.records[:limit])
    if fields is not None:
        try:
            view = views.select(view, [name.strip() for name in fields.split(",")])
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--fields'") from None
    render(view, chosen, escape_formulas=escape_formulas(ctx), pager=use_pager(ctx))
