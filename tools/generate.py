"""Write the files spacecli derives from its own declarations, or check they are current.

    python tools/generate.py          # rewrite them
    python tools/generate.py --check  # exit 1 naming any that is out of date (CI runs this)

- src/spacecli/data-file.schema.json: the JSON Schema of data files, from the model's fields;
- docs/data-files.md, between its GENERATED markers: the schema tables and vocabularies;
- docs/reference.md, between its GENERATED markers: every command's --help and the fields
  of the records it prints (from spacecli.views' shapes).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from spacecli import views
from spacecli.cli import app
from spacecli.model import GOAL_DESCRIPTIONS, Dataset
from spacecli.schema import json_schema, markdown_tables
from spacecli.starter import schema_path

ROOT = Path(__file__).resolve().parent.parent


def schema_json() -> str:
    """The JSON Schema of a data file, as shipped in the package."""
    schema = json_schema(Dataset, "spacecli data file")
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_block() -> str:
    """The schema tables of docs/data-files.md."""
    goals = "\n".join(f"| `{goal.value}` | {text} |" for goal, text in GOAL_DESCRIPTIONS.items())
    return (
        markdown_tables(Dataset)
        + "\n### Goals\n\nWhat each goal covers (`spacecli goals` counts their use).\n\n"
        + "| goal | covers |\n|---|---|\n"
        + goals
        + "\n"
    )


def command_paths() -> Iterator[str]:
    """Every command's words after `spacecli`, as `spacecli --help` lists them (groups too)."""
    root: Any = typer.main.get_command(app)
    for name, command in root.commands.items():
        yield name
        for sub_name in getattr(command, "commands", {}):
            yield f"{name} {sub_name}"


def _help(path: str) -> str:
    result = CliRunner().invoke(
        app,
        [*path.split(), "--help"],
        prog_name="spacecli",
        env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip() + "\n"


def _fields(shape: views.Shape, heading: str) -> list[str]:
    lines = [f"{heading}\n", "| field | what it holds |", "|---|---|"]
    nested: list[views.Shape] = []
    for out in shape.fields:
        doc = out.doc
        if out.nested is not None:
            doc += f" (records: see *{out.nested.name}* below)"
            if out.nested not in nested:
                nested.append(out.nested)
        lines.append(f"| `{out.name}` | {doc} |")
    lines.append("")
    for inner in nested:
        lines += _fields(inner, f"*{inner.name}* records:")
    return lines


def reference_block() -> str:
    """Every command's help and output fields, in the order `spacecli --help` lists them."""
    parts = ["## spacecli\n", "```text", _help("").rstrip(), "```", ""]
    for path in command_paths():
        parts += [f"## spacecli {path}\n", "```text", _help(path).rstrip(), "```", ""]
        name = path.split()[-1]
        shapes = views.SHAPES_BY_COMMAND.get(name, ())
        for number, shape in enumerate(shapes):
            if name == "partners":
                heading = ("With one name" if number == 0 else "With two names") + " (`--fields`):"
            elif name == "matrix":
                heading = "Fields (`--fields`): `organisation`, then one per organisation shown."
                parts += [heading, ""]
                continue
            else:
                heading = "Fields (`--fields`, and the keys of every record):"
            parts += _fields(shape, heading)
    return "\n".join(parts).rstrip() + "\n"


def _between(text: str, name: str, block: str) -> str:
    pattern = re.compile(
        rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.DOTALL
    )
    if not pattern.search(text):
        raise SystemExit(f"no GENERATED: {name} markers")
    return pattern.sub(lambda m: m.group(1) + block + m.group(2), text)


def generated() -> dict[Path, str]:
    """Every generated file, with the content it should have."""
    data_files = ROOT / "docs" / "data-files.md"
    reference = ROOT / "docs" / "reference.md"
    return {
        schema_path(): schema_json(),
        data_files: _between(data_files.read_text("utf-8"), "schema", schema_block()),
        reference: _between(reference.read_text("utf-8"), "reference", reference_block()),
    }


def stale() -> list[Path]:
    """The generated files whose content is not what the declarations give."""
    return [
        path
        for path, content in generated().items()
        if not path.exists() or path.read_text("utf-8") != content
    ]


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        old = stale()
        for path in old:
            print(f"out of date: {path.relative_to(ROOT)} (run: python tools/generate.py)")
        return 1 if old else 0
    for path, content in generated().items():
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
