"""Time spacecli as people run it: whole processes, medians, against a floor from the same run.

    python benchmarks/bench.py              # start-up targets (about a minute)
    python benchmarks/bench.py --scale      # also how time grows with the data (a few minutes)

Run it with the Python of the virtual environment spacecli is installed in (for example
`.venv/bin/python benchmarks/bench.py`). Standard library only, plus spacecli itself.

The floor is the least any Python tool can do for `spacecli partners NASA --json`: start
Python, import typer, read the bundled TOML with tomllib and print the same JSON answer with
the json module. Runs of every command are interleaved, so a busy machine slows them alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SPACECLI = str(Path(PYTHON).with_name("spacecli"))

# The floor: the same answer as `spacecli partners NASA --json`, from the raw TOML.
FLOOR = """
import json, sys, tomllib, typer
from spacecli.data import bundled_path
with open(bundled_path(), "rb") as f:
    doc = tomllib.load(f)
orgs = {o["id"]: o for o in doc["organisations"]}
shared = {}
for c in doc["collaborations"]:
    ids = [p["org"] for p in c["participants"]]
    if "nasa" in ids:
        for other in ids:
            if other != "nasa":
                shared.setdefault(other, []).append(c)
rows = []
for other, collabs in shared.items():
    o = orgs[other]
    collabs.sort(key=lambda c: (c["start"], c["name"].casefold()))
    rows.append({"id": o["id"], "abbreviation": o["abbreviation"], "name": o["name"],
                 "kind": o["kind"], "countries": o["countries"], "shared_count": len(collabs),
                 "collaborations": [{"id": c["id"], "name": c["name"]} for c in collabs]})
rows.sort(key=lambda r: (-r["shared_count"], r["abbreviation"].casefold()))
sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\\n")
"""

COMPLETION_ENV = {
    "_SPACECLI_COMPLETE": "complete_bash",
    "COMP_WORDS": "spacecli partners NA",
    "COMP_CWORD": "2",
}


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment for a timed process: this one, plus `extra`, with bytecode caching on.

    An installed spacecli runs from compiled bytecode (pip compiles it at install time), so
    PYTHONDONTWRITEBYTECODE, if set here, would time Python's compiler instead.
    """
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Case:
    """One command line to time."""

    label: str
    argv: list[str]
    env: dict[str, str]
    seconds: list[float]
    peak_kib: int = 0

    def run(self) -> bytes:
        """Run once, record the wall time and the peak memory; return standard output."""
        start = time.perf_counter()
        process = subprocess.Popen(
            self.argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(self.env),
        )
        out, err = process.communicate()
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"{self.label} failed ({process.returncode}): {err.decode()[:300]}")
        self.seconds.append(elapsed)
        return out

    def measure_memory(self) -> None:
        """Peak resident memory of one run, from wait4's resource usage (KiB on Linux)."""
        process = subprocess.Popen(
            self.argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=child_env(self.env),
        )
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        self.peak_kib = max(self.peak_kib, usage.ru_maxrss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def spacecli(*args: str) -> list[str]:
    return [SPACECLI, *args]


def timed(cases: list[Case], runs: int) -> None:
    """Two warm-up rounds, then `runs` interleaved rounds; then one memory run each."""
    for _ in range(2):
        for case in cases:
            case.run()
    for case in cases:
        case.seconds.clear()
    for _ in range(runs):
        for case in cases:
            case.run()
    for case in cases:
        case.measure_memory()


def startup(runs: int, cache_dir: str) -> dict[str, object]:
    env = {"SPACECLI_CACHE": cache_dir, "COLUMNS": "80"}
    cases = [
        Case("python -c pass", [PYTHON, "-c", "pass"], env, []),
        Case("floor", [PYTHON, "-c", FLOOR], env, []),
        Case("partners NASA --json", spacecli("partners", "NASA", "--json"), env, []),
        Case("partners NASA (table)", spacecli("partners", "NASA"), env, []),
        Case("--help", spacecli("--help"), env, []),
        Case("completion of 'NA'", [SPACECLI], {**env, **COMPLETION_ENV}, []),
    ]
    floor, json_case = cases[1], cases[2]
    if json.loads(floor.run()) != json.loads(json_case.run()):
        raise SystemExit("the floor's answer differs from spacecli's: fix the floor first")
    timed(cases, runs)
    targets = {
        "partners NASA --json": 1.2,
        "partners NASA (table)": 1.5,
        "--help": 2.0,
        "completion of 'NA'": 1.2,
    }
    floor_ms = floor.median * 1000
    print(f"Start-up: median of {runs} runs each, interleaved; floor = {floor_ms:.0f} ms")
    print(f"{'command':<26}{'median':>9}{'x floor':>9}{'target':>8}{'peak MiB':>10}  ok")
    rows = []
    for case in cases:
        ratio = case.median / floor.median
        target = targets.get(case.label)
        ok = "" if target is None else ("yes" if ratio <= target else "NO")
        memory_ok = case.peak_kib / 1024 <= 40
        if target is not None and not memory_ok:
            ok = "NO (memory)"
        print(
            f"{case.label:<26}{case.median * 1000:>7.0f}ms{ratio:>8.2f}x"
            f"{(f'{target:.1f}x' if target else ''):>8}{case.peak_kib / 1024:>10.1f}  {ok}"
        )
        rows.append(
            {
                "command": case.label,
                "median_ms": round(case.median * 1000, 1),
                "ratio": round(ratio, 3),
                "target": target,
                "peak_mib": round(case.peak_kib / 1024, 1),
                "ok": ok in ("", "yes"),
            }
        )
    return {"floor_ms": round(floor.median * 1000, 1), "commands": rows}


def scale(runs: int, sizes: list[int]) -> dict[str, object]:
    """How `partners` answers as the data grows: first run (builds the cache), then warm."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        bundled = Case(
            "bundled",
            spacecli("partners", "NASA", "--json"),
            {"SPACECLI_CACHE": str(Path(folder) / "cache-bundled")},
            [],
        )
        bundled.run()  # fill its cache
        print(f"\nScale: `partners` on generated data, median of {runs} warm runs")
        print(
            f"{'collaborations':>15}{'orgs':>7}{'file MB':>9}{'first run':>11}"
            f"{'warm':>9}{'x bundled':>11}{'peak MiB':>10}"
        )
        for size in sizes:
            path = Path(folder) / f"data-{size}.toml"
            orgs = max(10, size // 10)
            subprocess.run(
                [
                    PYTHON, str(HERE / "generate.py"), "--collaborations", str(size),
                    "--organisations", str(orgs), "-o", str(path),
                ],
                check=True,
            )  # fmt: skip
            env = {"SPACECLI_CACHE": str(Path(folder) / f"cache-{size}")}
            case = Case(
                str(size),
                spacecli("--no-bundled", "--data", str(path), "partners", "ORG1", "--json"),
                env,
                [],
            )
            case.run()  # cold: parse, validate and fill the cache
            first = case.seconds.pop()
            bundled.seconds.clear()
            for _ in range(runs):
                case.run()
                bundled.run()
            case.measure_memory()
            ratio = case.median / bundled.median
            print(
                f"{size:>15,}{orgs:>7,}{path.stat().st_size / 1e6:>9.1f}{first * 1000:>9.0f}ms"
                f"{case.median * 1000:>7.0f}ms{ratio:>10.2f}x{case.peak_kib / 1024:>10.1f}"
            )
            rows.append(
                {
                    "collaborations": size,
                    "organisations": orgs,
                    "file_mb": round(path.stat().st_size / 1e6, 1),
                    "first_ms": round(first * 1000),
                    "warm_ms": round(case.median * 1000, 1),
                    "bundled_ms": round(bundled.median * 1000, 1),
                    "ratio": round(ratio, 2),
                    "peak_mib": round(case.peak_kib / 1024, 1),
                }
            )
    return {"scale": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command")
    parser.add_argument("--scale", action="store_true", help="also time generated data")
    parser.add_argument(
        "--sizes",
        default="100,1000,10000,100000",
        help="collaborations per generated file, comma-separated",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    if not Path(SPACECLI).exists():
        raise SystemExit(f"no spacecli beside {PYTHON}: run this with the venv's python")
    with tempfile.TemporaryDirectory() as cache_dir:
        figures: dict[str, object] = startup(args.runs, cache_dir)
    if args.scale:
        figures |= scale(max(5, args.runs // 3), [int(s) for s in args.sizes.split(",")])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
