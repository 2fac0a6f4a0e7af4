"""spacecli: the offline reference for international collaboration in space exploration."""

__version__ = "0.1.0"
