"""Write a large, valid, made-up spacecli data file, to measure how spacecli scales.

    python benchmarks/generate.py --collaborations 10000 --organisations 1000 -o big.toml
    python benchmarks/generate.py --realistic --collaborations 10000 -o real.toml

Everything in it is synthetic ("Organisation 17", "Collaboration 4242"): it is for timing,
never for answers. With --realistic the records are the bundled data's, copied as often as
needed under new ids, so that names, summaries, notes and sources are as long as real ones
(about 2 kB a collaboration); the first copy keeps the real ids (`partners NASA` works).
The same arguments always write the same file.
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


def realistic(collaborations: int) -> str:
    """The bundled data, copied under new ids until it holds `collaborations` collaborations."""
    import dataclasses

    import tomli_w

    from spacecli import load
    from spacecli.data import to_document
    from spacecli.model import Dataset

    bundled = load()
    orgs, collabs = [], []
    copy = 0
    while len(collabs) < collaborations:

        def new(name: str, copy: int = copy) -> str:
            return name if copy == 0 else f"{name}-c{copy}"

        def renamed(text: str, copy: int = copy) -> str:
            return text if copy == 0 else f"{text} c{copy}"

        for org in bundled.organisations:
            orgs.append(
                dataclasses.replace(
                    org,
                    id=new(org.id),
                    abbreviation=renamed(org.abbreviation),
                    name=renamed(org.name),
                    aliases=tuple(renamed(a) for a in org.aliases),
                    parent=None if org.parent is None else new(org.parent),
                )
            )
        for collab in bundled.collaborations[: collaborations - len(collabs)]:
            collabs.append(
                dataclasses.replace(
                    collab,
                    id=new(collab.id),
                    name=renamed(collab.name),
                    aliases=tuple(renamed(a) for a in collab.aliases),
                    participants=tuple(
                        dataclasses.replace(p, org=new(p.org)) for p in collab.participants
                    ),
                )
            )
        copy += 1
    header = "# Benchmark data: the bundled records copied under new ids. Not for answers.\n\n"
    return header + tomli_w.dumps(to_document(Dataset(tuple(orgs), tuple(collabs))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collaborations", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--realistic", action="store_true", help="copies of the bundled records (see above)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if args.realistic:
        args.output.write_text(realistic(args.collaborations), encoding="utf-8")
        return
    if args.organisations < 7:
        parser.error("--organisations must be at least 7 (collaborations take up to 6)")
    args.output.write_text(
        generate(args.collaborations, args.organisations, args.seed), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
