import sys

from entregent.cli import main

sys.exit(main())
