"""Opening the desktop app from the command line (no command given)."""

from __future__ import annotations

import argparse

from entregent.cli.database_choice import database_path_for


def launch_app(args: argparse.Namespace) -> int:
    path = database_path_for(args)
    try:
        from entregent.ui.app import run_app
    except ImportError:
        return _print_summary(path)
    return run_app(
        db_path=path, files=args.files, screenshot=args.screenshot, view=args.view, demo=args.demo
    )


def _print_summary(path) -> int:
    """Without Qt: say which database would open and what it holds."""
    from entregent.services.storage.session import close_session, database_summary, open_session

    open_session(path)
    people, interactions = database_summary()
    print(f"{path}: {people} people, {interactions} interactions")
    close_session()
    return 0
