"""The one exception family spacecli raises for expected failures, with their exit codes."""

from __future__ import annotations


class SpacecliError(Exception):
    """An expected failure: the CLI prints its message on one line and exits with `exit_code`."""

    exit_code = 1


class NotFoundError(SpacecliError):
    """A name that matches no organisation or collaboration (exit 1)."""


class DataError(SpacecliError):
    """A data file that cannot be read or does not validate (exit 3).

    `problems` holds every problem found, each already phrased for a data editor.
    """

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)} problems")

    def __str__(self) -> str:
        return "\n".join(self.problems)
