"""Choosing and opening the database for a CLI run: --db, --demo, $ENTREGENT_DB."""

from __future__ import annotations

import argparse
from pathlib import Path

from entregent.services.storage.session import open_session, resolve_database_path


def database_path_for(args: argparse.Namespace) -> Path:
    if getattr(args, "demo", False):
        from entregent.services.demo.builder import fresh_demo_database

        return fresh_demo_database()
    return resolve_database_path(getattr(args, "db", None))


def open_for_command(args: argparse.Namespace) -> Path:
    path = database_path_for(args)
    open_session(path)
    return path
