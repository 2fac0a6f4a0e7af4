"""Shared fixtures: a fixed terminal and the small made-up dataset (tests/cli.py runs the CLI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spacecli import cli
from spacecli.data import load_file
from spacecli.model import Dataset

FIXTURES = Path(__file__).parent / "fixtures"

# Tests never write to the user's cache folder; the cache's own tests choose a folder.
os.environ["SPACECLI_CACHE"] = "off"


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("SPACECLI_DATA", raising=False)


@pytest.fixture
def small() -> Dataset:
    """The made-up dataset in tests/fixtures/small.toml."""
    return load_file(FIXTURES / "small.toml")


@pytest.fixture
def small_cli(monkeypatch: pytest.MonkeyPatch, small: Dataset) -> Dataset:
    """Make the CLI answer from the small dataset instead of the bundled one."""
    monkeypatch.setattr(cli, "load_dataset", lambda layers: small)
    return small
