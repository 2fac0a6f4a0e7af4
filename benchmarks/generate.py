"""Write a large, valid, made-up spacecli data file, to measure how spacecli scales.

    python benchmarks/generate.py --collaborations 10000 --organisations 1000 -o big.toml

Everything in it is synthetic ("Organisation 17", "Collaboration 4242"): it is for timing,
never for answers. The same arguments always write the same file.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

GOALS = (
    "moon", "mars", "planetary-science", "exoplanets", "astronomy", "sun",
    "earth-observation", "microgravity-research", "human-spaceflight", "cargo",
)  # fmt: skip
KINDS = ("mission", "telescope", "station", "programme", "agreement")
STATUSES = ("planned", "active", "completed", "failed", "cancelled")
ROLES = ("lead", "partner", "contributor", "instrument", "launch", "ground-support")
ORG_KINDS = ("agency", "institute", "company", "intergovernmental")


def text(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these ASCII strings)."""
    return json.dumps(value)


def generate(collaborations: int, organisations: int, seed: int = 1) -> str:
    """The data file's text: `organisations` organisations, `collaborations` collaborations."""
    rng = random.Random(seed)
    out = [
        "# Synthetic spacecli data for benchmarks: nothing here is real.\n",
    ]
    for n in range(organisations):
        out.append(
            "\n[[organisations]]\n"
            f'id = "org-{n}"\n'
            f'abbreviation = "ORG{n}"\n'
            f"name = {text(f'Organisation {n}')}\n"
            f"kind = {text(rng.choice(ORG_KINDS))}\n"
            f'countries = ["{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"]\n'
            f"founded = {rng.randint(1950, 2020)}\n"
            f'sources = ["https://example.org/organisations/{n}"]\n'
        )
    # Organisation 0 takes part often, as NASA does in the real data.
    weights = [organisations] + [1] * (organisations - 1)
    for n in range(collaborations):
        start = rng.randint(1960, 2025)
        members = {0} if rng.random() < 0.3 else set()
        while len(members) < rng.randint(2, 6):
            members.add(rng.choices(range(organisations), weights)[0])
        goals = rng.sample(GOALS, rng.randint(1, 2))
        out.append(
            "\n[[collaborations]]\n"
            f'id = "collab-{n}"\n'
            f"name = {text(f'Collaboration {n}')}\n"
            f"kind = {text(rng.choice(KINDS))}\n"
            f"goals = {json.dumps(goals)}\n"
            f"start = {start}\n"
            f"status = {text(rng.choice(STATUSES))}\n"
            f"summary = {text(f'A synthetic collaboration begun in {start}, for benchmarks.')}\n"
            f'sources = ["https://example.org/collaborations/{n}"]\n'
        )
        for org in sorted(members):
            out.append(
                "\n[[collaborations.participants]]\n"
                f'org = "org-{org}"\n'
                f"role = {text(rng.choice(ROLES))}\n"
                f"contribution = {text(f'Part {org} of collaboration {n}')}\n"
            )
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collaborations", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if args.organisations < 7:
        parser.error("--organisations must be at least 7 (collaborations take up to 6)")
    args.output.write_text(
        generate(args.collaborations, args.organisations, args.seed), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
