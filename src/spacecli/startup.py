"""The console script: build only the command a command line names, then run it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from spacecli.cli import app


def main() -> None:
    """Console-script entry point.

    Typer turns every registered command into a click command on each run, which costs
    about a millisecond per command. When the command line names one command, only that
    one is registered for this process; help, completion of command names and anything
    unexpected keep them all.
    """
    if sys.stdout is None:  # started with stdout closed (`spacecli stats >&-`)
        if sys.stderr is not None:
            sys.stderr.write("spacecli: error: standard output is closed\n")
        raise SystemExit(1)
    _plain_where_unicode_cannot_go()
    wanted = requested_command(sys.argv[1:], os.environ)
    if wanted is not None:
        app.registered_commands = [
            info for info in app.registered_commands if _command_name(info) == wanted
        ]
        app.registered_groups = [
            info for info in app.registered_groups if _group_name(info) == wanted
        ]
    app()


def _plain_where_unicode_cannot_go() -> None:
    """Under an ASCII or Latin-1 locale (or PYTHONIOENCODING=ascii), what the output's
    encoding cannot hold is written as a backslash escape instead of failing the run."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if not codecs.lookup(encoding).name.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _root_options_with_values() -> tuple[str, ...]:
    """The root callback's options that take a value (`--data FILE`), read from its signature."""
    from typer.models import OptionInfo
    from typer.utils import get_params_from_function

    assert app.registered_callback is not None
    assert app.registered_callback.callback is not None
    found: list[str] = []
    for param in get_params_from_function(app.registered_callback.callback).values():
        if isinstance(param.default, OptionInfo) and param.annotation is not bool:
            found += [d for d in param.default.param_decls or () if d.startswith("-")]
    return tuple(found)


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
    with_values = _root_options_with_values()
    index = 0
    while index < min(len(words), before):
        word = words[index]
        if word in with_values:
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
