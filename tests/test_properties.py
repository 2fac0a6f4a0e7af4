"""Properties over generated data: every format of every command parses back, and the loader
answers anything at all with a dataset or a `DataError`, never another exception."""

from __future__ import annotations

from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roundtrip import check_every_format
from spacecli import cli
from spacecli import data as datafiles
from spacecli.data import merge, parse_part, to_document
from spacecli.errors import DataError
from spacecli.model import Collaboration, Dataset, Organisation, Participant
from spacecli.schema import specs
from strategies import datasets


def commands_for(data: Dataset) -> list[list[str]]:
    found = [["agencies"], ["missions"], ["compare"], ["stats"], ["timeline"]]
    org = data.organisations[0]
    found += [["partners", org.id], ["agency", org.id], ["search", org.id]]
    if data.collaborations:
        collab = data.collaborations[0]
        found += [["mission", collab.id], ["matrix", *(o.id for o in data.organisations[:3])]]
        found += (
            [["path", org.id, data.organisations[-1].id]] if len(data.organisations) > 1 else []
        )
    return found


@given(datasets(max_organisations=4, max_collaborations=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_format_of_every_command_parses_back(data: Dataset) -> None:
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(cli.app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit)
        # The bytes as written: Result.stdout would turn "\r\n" inside values into "\n".
        return result.exit_code, result.stdout_bytes.decode(), result.stderr

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(datafiles, "load_layers", lambda layers: data)
        for command in commands_for(data):
            check_every_format(invoke, command, exact_markdown=False)
            code, _, err = invoke(*command)  # and the table, which must not fail
            assert code == 0, err


# -- the loader on anything ---------------------------------------------------------------

SCALARS = (
    st.text(max_size=20)
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
KEYS = st.sampled_from(
    sorted(
        {
            *(name for cls in (Organisation, Collaboration, Participant) for name, _ in specs(cls)),
            "organisations",
            "collaborations",
        }
    )
) | st.text(min_size=1, max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)
RECORD = st.dictionaries(KEYS, VALUES, max_size=10)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "organisations": st.lists(RECORD, max_size=3) | VALUES,
        "collaborations": st.lists(RECORD, max_size=3) | VALUES,
        "comparisons": st.lists(RECORD, max_size=2) | VALUES,
    },
) | st.dictionaries(KEYS, VALUES, max_size=4)


def load_or_data_error(raw: bytes) -> None:
    """Loading `raw` gives a dataset, or a DataError whose problems name the file."""
    try:
        merge([parse_part(raw, "generated.toml")])
    except DataError as error:
        problems = error.problems
    else:
        return
    assert problems
    assert all(problem.startswith("generated.toml") for problem in problems)


@given(DOCUMENTS)
@settings(max_examples=300, deadline=None)
def test_any_toml_document_loads_or_is_a_data_error(document: dict[str, Any]) -> None:
    load_or_data_error(tomli_w.dumps(document).encode())


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_any_bytes_load_or_are_a_data_error(raw: bytes) -> None:
    load_or_data_error(raw)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset's document with one value, anywhere in it, replaced by anything."""
    document = to_document(draw(datasets(max_organisations=3, max_collaborations=3)))
    node: Any = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(VALUES)
        break
    return document


@given(damaged())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_damaged_valid_file_loads_or_is_a_data_error(document: dict[str, Any]) -> None:
    load_or_data_error(tomli_w.dumps(document).encode())
