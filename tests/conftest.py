"""Shared fixtures: a fixed terminal and the small made-up dataset (tests/cli.py runs the CLI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacecli import data as datafiles
from spacecli.data import load
from spacecli.model import Dataset

FIXTURES = Path(__file__).parent / "fixtures"

# Tests never write to the user's cache folder; the cache's own tests choose a folder.
os.environ["SPACECLI_CACHE"] = "off"


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PAGER", "cat")  # a test that renders as a terminal never pages
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("SPACECLI_DATA", raising=False)


@pytest.fixture
def small() -> Dataset:
    """The made-up dataset in tests/fixtures/small.toml."""
    return load(FIXTURES / "small.toml", bundled=False)


@pytest.fixture
def small_cli(monkeypatch: pytest.MonkeyPatch, small: Dataset) -> Dataset:
    """Make the CLI answer from the small dataset: it stands where the bundled file does,
    and the CLI's real load path (read, parse, check) reads it."""
    monkeypatch.setattr(datafiles, "bundled_path", lambda: FIXTURES / "small.toml")
    return small
