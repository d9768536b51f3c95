"""Choosing and opening the database for a CLI run: --db, --demo, $ENTREGENT_DB."""

from __future__ import annotations

import argparse
import atexit
import shutil
from pathlib import Path

from entregent.errors import UserError
from entregent.i18n import _
from entregent.services.storage.data_folder import ensure_data_folder
from entregent.services.storage.session import open_session, resolve_database_path


def database_path_for(args: argparse.Namespace) -> Path:
    if getattr(args, "demo", False):
        if getattr(args, "db", None):
            raise UserError(
                _(
                    "--db and --demo contradict each other: --demo works on a throw-away copy "
                    "of the demo network, never on a file you name. Give one of them."
                )
            )
        from entregent.services.demo.builder import fresh_demo_database

        path = fresh_demo_database()
        # The throw-away copy goes when this run ends, whatever the way out.
        atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
        return path
    return ensure_data_folder(resolve_database_path(getattr(args, "db", None)))


def open_for_command(args: argparse.Namespace) -> Path:
    path = database_path_for(args)
    open_session(path)
    return path
