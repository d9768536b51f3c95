"""The bundle's entry point: the same `entregent` command as the installed package."""

import sys

from entregent.cli import run

if __name__ == "__main__":
    sys.exit(run())
