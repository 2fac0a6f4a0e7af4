"""The built wheel, installed (not editable) in a throw-away environment, works from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from cli import json_of
from spacecli import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("spacecli-*.whl"))
    env_dir = tmp_path / "env"
    # Without a pip of its own (bootstrapping one takes seconds): this pip installs into it.
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = str(bin_dir / "python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=elsewhere, capture_output=True, text=True, env=env, check=True
        )

    done = run(str(bin_dir / "spacecli"), "partners", "NASA", "--json")
    partners = json.loads(done.stdout)
    assert {"ESA", "CSA", "JAXA", "Roscosmos"} < {p["abbreviation"] for p in partners}
    assert partners == json_of("partners", "NASA")  # what this checkout answers
    assert done.stderr == ""
    # The data file travelled inside the wheel, not from this checkout.
    located = run(
        python,
        "-c",
        "from spacecli.data import bundled_path; print(bundled_path())",
    )
    assert Path(located.stdout.strip()).is_relative_to(env_dir)
    # The library works there without typer or rich; the JSON Schema and py.typed travelled.
    library = run(
        python,
        "-c",
        "import sys, spacecli; from spacecli.starter import schema_path\n"
        "d = spacecli.load(); print(spacecli.partners(d, 'NASA')[0].partner.abbreviation)\n"
        "print(schema_path().is_file(), (schema_path().parent / 'py.typed').is_file())\n"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))",
    )
    assert library.stdout == "ESA\nTrue True\n[]\n"
    module = run(python, "-m", "spacecli", "--version")
    assert module.stdout == f"spacecli {__version__}\n"
