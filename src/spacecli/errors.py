"""The one exception family spacecli raises for expected failures, with their exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What spacecli's exit status means (documented in docs/guide.md)."""

    OK = 0  # empty results too
    FAILURE = 1  # a name that matches nothing, or another expected failure
    USAGE = 2  # a command line spacecli cannot take
    DATA = 3  # a data file that cannot be read or does not validate
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class SpacecliError(Exception):
    """An expected failure: the CLI prints its message on one line and exits with `exit_code`."""

    exit_code: ExitCode = ExitCode.FAILURE


class NotFoundError(SpacecliError):
    """A name that matches no organisation or collaboration (exit 1)."""


class RenamedIdWarning(UserWarning):
    """A name that is the id of a record merged into another: the lookup gives that record.

    The command line shows it as a note on stderr; a script can turn it into an error with
    `warnings.simplefilter("error", RenamedIdWarning)`.
    """


class DataError(SpacecliError):
    """A data file that cannot be read or does not validate (exit 3).

    `problems` holds every problem found, each already phrased for a data editor.
    """

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)} problems")

    def __str__(self) -> str:
        return "\n".join(self.problems)


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived while spacecli was writing a file: clean up, exit 128 + n."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"signal {signum}")
