import sys

from entregent.cli import run

sys.exit(run())
