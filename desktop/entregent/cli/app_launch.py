"""Opening the desktop app from the command line (no command given)."""

from __future__ import annotations

import argparse

from entregent.cli.database_choice import database_path_for

# Set once a window session has ended: everything is written and closed, so the
# ``entregent`` command may end its process at once (see ``entregent.cli.run``).
window_session_ended = False


def launch_app(args: argparse.Namespace) -> int:
    global window_session_ended
    path = database_path_for(args)
    try:
        from entregent.ui.app import run_app
    except ImportError:
        return _print_summary(path)
    code = run_app(
        db_path=path,
        files=args.files,
        screenshot=args.screenshot,
        view=args.view,
        demo=args.demo,
        theme=getattr(args, "theme", None),
    )
    window_session_ended = True
    return code


def _print_summary(path) -> int:
    """Without Qt: say which database would open and what it holds."""
    from entregent.services.storage.session import close_session, database_summary, open_session

    open_session(path)
    people, interactions = database_summary()
    print(f"{path}: {people} people, {interactions} interactions")
    close_session()
    return 0
