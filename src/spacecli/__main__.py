"""Run spacecli as ``python -m spacecli``."""

from spacecli.cli import main

main()
