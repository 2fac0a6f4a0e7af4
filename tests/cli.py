"""The one way tests run the command line in-process, and the command tree they loop over."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from spacecli.cli import app


class Result(NamedTuple):
    """What a command line gave: its exit code, then stdout and stderr, kept apart."""

    code: int
    out: str
    err: str


def invoke(*args: str, env: Mapping[str, str] | None = None, input: str | None = None) -> Result:
    """Run `spacecli ARGS` through CliRunner.

    stdout is the bytes as written, decoded: `Result.stdout` would turn a "\\r\\n" inside a
    value into "\\n". Any exception but the exit itself fails the test.
    """
    result = CliRunner().invoke(app, list(args), env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return Result(result.exit_code, result.stdout_bytes.decode(), result.stderr_bytes.decode())


# Arguments for the commands that need some, chosen so that the bundled data answers; any
# other command runs with none. A command that needs arguments and has none here fails the
# tests that loop over every command.
ARGUMENTS = {
    ("agency",): ["NASA"],
    ("country",): ["Japan"],
    ("history",): ["ESA", "Roscosmos"],
    ("partners",): ["NASA"],
    ("missions",): ["--goal", "mars"],
    ("mission",): ["jwst"],
    ("search",): ["webb"],
    ("path",): ["ISRO", "CNSA"],
    ("matrix",): ["NASA", "ESA", "JAXA"],
    ("timeline",): ["--agency", "ISRO"],
}


def command_line(path: tuple[str, ...]) -> list[str]:
    """The command at `path` with the arguments ARGUMENTS gives it."""
    return [*path, *ARGUMENTS.get(path, [])]


def json_of(*args: str, env: Mapping[str, str] | None = None) -> Any:
    """The answer of `spacecli ARGS --json`, which must exit 0 with nothing on stderr."""
    code, out, err = invoke(*args, "--json", env=env)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every registered command and group, as (path of names, click command), root first.

    Read from the click tree Typer builds, so a new command or group is found here without
    any list to update.
    """

    def walk(path: tuple[str, ...], command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
        yield path, command
        if isinstance(command, TyperGroup):
            for name in sorted(command.commands):
                yield from walk((*path, name), command.commands[name])

    yield from walk((), typer.main.get_command(app))


def leaf_commands() -> list[tuple[tuple[str, ...], Any]]:
    """Every command that does something (not a group), as (path of names, click command)."""
    return [(path, command) for path, command in commands() if not isinstance(command, TyperGroup)]


def option(command: Any, name: str) -> Any | None:
    """The option of `command` spelt `name` (such as "--format"), or None."""
    return next((p for p in command.params if name in getattr(p, "opts", ())), None)
