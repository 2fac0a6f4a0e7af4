"""Run spacecli as ``python -m spacecli``."""

from spacecli.startup import main

main()
