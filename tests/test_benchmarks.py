"""The benchmark's data generator writes valid, repeatable data of the size asked for."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from spacecli.data import loads

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_data_is_valid_and_repeatable() -> None:
    generate = load_generator().generate
    text = generate(300, 30)
    data = loads(text.encode(), "generated.toml")
    assert (len(data.organisations), len(data.collaborations)) == (30, 300)
    assert all(2 <= len(c.participants) <= 6 for c in data.collaborations)
    assert generate(300, 30) == text
    assert generate(300, 30, seed=2) != text
    # Organisation 0 takes part most, as NASA does in the real data.
    counts = {o.id: len(data.involving(o.id)) for o in data.organisations}
    assert max(counts, key=lambda org_id: counts[org_id]) == "org-0"
