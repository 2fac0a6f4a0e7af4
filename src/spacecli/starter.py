"""The starter data file `spacecli data init` writes: small, valid, and showing every field."""

from __future__ import annotations

STARTER = """\
# A spacecli data file. Load it on top of the bundled data with
#     spacecli --data THIS_FILE partners "Example University"
# or on its own with --no-bundled; check it with `spacecli --data THIS_FILE data validate`.
# A record whose id is already known replaces that record; a new id adds one.
# Everything below is a made-up example: replace it with your own, sourced records.
# Full schema and vocabularies: data/README.md in the spacecli repository.

[[organisations]]
id = "example-university"              # lower-case letters, digits and single hyphens
abbreviation = "EXU"                   # how tables show it
name = "Example University"
aliases = ["ExU", "Example Uni"]       # other names it answers to (optional)
kind = "institute"                     # agency, intergovernmental, institute, company, coordination
countries = ["NZ"]                     # ISO 3166-1 alpha-2 codes
founded = 1990                         # optional
website = "https://www.example.org/"   # optional, https only
sources = ["https://www.example.org/about"]   # at least one https URL you read
note = "Optional: anything the sources leave open or disagree on."

[[organisations]]
id = "example-launch-company"
abbreviation = "ELC"
name = "Example Launch Company"
kind = "company"
countries = ["AU"]
sources = ["https://www.example.com/company"]

[[collaborations]]
id = "example-cubesat"
name = "Example CubeSat"
aliases = ["ExSat"]                    # optional
# kind: mission, station, telescope, programme, agreement, coordination or flight
kind = "mission"
goals = ["earth-observation"]          # one or more: spacecli goals lists them
start = 2024                           # the year the collaboration began
launch = 2026                          # optional
# end = 2030                           # optional: the year it ended
status = "planned"                     # planned, active, completed, failed, cancelled
summary = "A made-up student satellite, to show the fields of a collaboration."
sources = ["https://www.example.org/cubesat"]
note = "Optional: where sources disagree, say so here."
figures = [
    # numbers people quote, each with its own source (optional)
    { label = "students", value = 40, source = "https://www.example.org/cubesat/team" },
]

[[collaborations.participants]]
org = "example-university"             # an organisation id, here or in the bundled data
# role: lead, partner, contributor, instrument, launch, ground-support, operator, funder,
# member, coordinator, provider or customer
role = "lead"
contribution = "Spacecraft and operations"   # optional

[[collaborations.participants]]
org = "example-launch-company"
role = "launch"
since = 2025                           # optional: the year it joined
until = 2026                           # optional: the year it left
note = "Optional: why it joined or left."

[[comparisons]]
id = "example-comparison"              # a row of `spacecli compare` (optional section)
partners = "Example University, Example Launch Company"
type = "Student satellite"
collaborations = ["example-cubesat"]   # collaboration ids that back the row
note = "Optional."
"""
