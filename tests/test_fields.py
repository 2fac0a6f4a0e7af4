"""Output fields are declared once per record shape: `--fields` checking, completion and the
valid-fields message all come from the shape the command line will print."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from spacecli import views
from spacecli.cli import app
from test_formats import complete


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_partners_with_one_name_completes_and_takes_only_partner_fields() -> None:
    assert complete("bash", "spacecli partners NASA --fields shared_c") == ["shared_count"]
    assert complete("bash", "spacecli partners NASA --fields ro") == []
    code, out, err = run("partners", "NASA", "--fields", "roles")
    assert (code, out) == (2, "")
    assert f"valid fields: {', '.join(views.PARTNER.names)}" in err


def test_partners_with_two_names_completes_and_takes_shared_fields() -> None:
    assert complete("bash", "spacecli partners NASA ESA --fields ro") == ["roles"]
    code, out, _ = run("partners", "NASA", "ESA", "--goal", "sun", "--fields", "name,roles")
    assert code == 0
    first = json.loads(run("partners", "NASA", "ESA", "--goal", "sun", "--json")[1])[0]
    assert first["name"] in out
    code, _, err = run("partners", "NASA", "--fields", "shared_count,status")
    assert code == 2
    assert "unknown field 'status'" in err


@pytest.mark.parametrize("shape", sorted(set(views.SHAPES_BY_COMMAND.values()), key=str))
def test_every_nested_field_names_its_records_explicitly(shape: tuple[views.Shape, ...]) -> None:
    for one in shape:
        for out in one.fields:
            if out.nested is not None:
                assert out.nested.label in out.nested.names, (one.name, out.name)
