"""The command line: ``entregent [global options] [COMMAND …]``.

Without a command (or with files) it opens the desktop app. Commands live in
``cli/commands/``, one module each, discovered at start; each module's
``register(subparsers, common)`` adds its parser and sets ``handler``. Handlers
take the parsed arguments and return an exit code.

Exit codes (a public interface, scripts rely on them): 0 success, 1 a bug
(something went wrong), 2 usage or unreadable input, 3 partly done (some items
rejected), 4 refused (e.g. warnings shown and not confirmed).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback

from entregent import __version__
from entregent.cli import commands as _commands_package
from entregent.cli.argparse_words import speak_placeholders
from entregent.errors import Ambiguous, UserError
from entregent.i18n import _, ngettext, set_language

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_REFUSED = 4


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=_("use this database file instead of the usual one"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=_("work on a fresh throw-away copy of the demo network"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=_("show the full report when something goes wrong"),
    )


def build_app_parser(*, with_epilog: bool = True) -> argparse.ArgumentParser:
    """The app parser (no command: open the GUI).

    Its epilog lists the commands, which means importing every command module:
    a plain GUI start (no ``--help``) asks for it ``with_epilog=False``.
    """
    epilog = None
    if with_epilog:
        epilog = _("Commands: {commands}. Run 'entregent COMMAND --help' for one.").format(
            commands=", ".join(sorted(command_names()))
        )
    app = argparse.ArgumentParser(
        prog="entregent",
        description=_("Entregent: your network, kept with care. Without a command, opens the app."),
        epilog=epilog,
    )
    app.add_argument(
        "--version",
        action="version",
        version=f"entregent {__version__}",
        help=_("show program's version number and exit"),
    )
    _global_options(app, suppress=False)
    app.add_argument(
        "--screenshot", metavar="OUT.png", help=_("render the window offscreen to a PNG and exit")
    )
    app.add_argument(
        "--view",
        choices=("home", "people", "person", "network"),
        default="home",
        help=_("which view --screenshot shows"),
    )
    app.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default=None,
        help=_("light or dark for this run (the Appearance setting stays as it is)"),
    )
    app.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=_("vCard or iCalendar files to open in the import wizard"),
    )
    return speak_placeholders(app)


def build_command_parser() -> argparse.ArgumentParser:
    """The command parser: imports every module of ``cli/commands/``."""
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    commands = argparse.ArgumentParser(prog="entregent", parents=[common])
    sub = commands.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(sub, common)
    return speak_placeholders(commands)


def build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The app parser (no command: open the GUI) and the command parser."""
    return build_app_parser(), build_command_parser()


def _command_modules() -> list:
    return [
        importlib.import_module(f"{_commands_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(_commands_package.__path__)
    ]


def command_names() -> set[str]:
    names: set[str] = set()
    for module in _command_modules():
        names.update(getattr(module, "COMMANDS", ()))
    return names


def _first_positional(argv: list[str]) -> str | None:
    takes_value = {"--db", "--screenshot", "--view", "--theme"}
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in takes_value:
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token
    return None


def _asks_help(argv: list[str]) -> bool:
    """Whether ``argv`` asks for ``--help`` (argparse also takes ``--h``, ``--he``…)."""
    for token in argv:
        if token == "--":
            return False
        if token == "-h" or (len(token) > 2 and "--help".startswith(token)):
            return True
        if token.startswith("-h") and not token.startswith("--"):
            return True  # -h joined to nothing else: argparse still shows the help
    return False


def _not_a_file_nor_command(word: str) -> str | None:
    """Why ``word`` (the first positional word) is neither a command nor a file, or None."""
    import difflib
    from pathlib import Path

    if Path(word).expanduser().exists():
        return None
    looks_like_file = any(sep in word for sep in ("/", "\\")) or Path(word).suffix.lower() in (
        ".vcf",
        ".vcard",
        ".ics",
        ".ical",
    )
    if looks_like_file:
        return _("no such file: {path}").format(path=Path(word).expanduser().absolute())
    names = sorted(command_names())
    close = difflib.get_close_matches(word.lower(), names, n=3, cutoff=0.7)
    if close:
        return _("unknown command '{word}' — did you mean {choices}?").format(
            word=word, choices=_(" or ").join(f"'{name}'" for name in close)
        )
    return _("unknown command '{word}'. Commands: {commands}.").format(
        word=word, commands=", ".join(names)
    )


def _check_files_exist(files: list[str]) -> None:
    """Files given without a command open the import wizard only if every one exists."""
    from pathlib import Path

    missing = [
        str(Path(f).expanduser().absolute()) for f in files if not Path(f).expanduser().exists()
    ]
    if missing:
        raise UserError(
            ngettext(
                "no such file: {paths}. Nothing was opened.",
                "no such files: {paths}. Nothing was opened.",
                len(missing),
            ).format(paths=", ".join(missing))
        )


def run() -> int:
    """The ``entregent`` command. After a window session the process ends at once:
    the database is closed, the lock released and the logs written by then, and
    letting the interpreter take apart every Qt object and module one by one kept
    the person's close waiting for about half a second on a large network. The
    exit handlers (the demo's throw-away copy, the log file) still run."""
    code = main()
    from entregent.cli import app_launch

    if app_launch.window_session_ended:
        import atexit
        import os

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language("system")
    from entregent.cli.argparse_words import install as speak_the_ui_language

    speak_the_ui_language()  # argparse's usage, headings and errors too
    from entregent.logging_setup import configure_logging

    configure_logging()  # the rotating log file, with no private text in it
    # A change to a follow-up rewrites the subscribed calendar file (a light import).
    import entregent.services.exports.ics_export  # noqa: F401

    first = _first_positional(argv)
    # A plain GUI start (no positional word) imports no command module: that is
    # tens of milliseconds before the window shows. Files or --help need them.
    is_command = first is not None and first in command_names()
    if first is not None and not is_command:
        problem = _not_a_file_nor_command(first)
        if problem:
            print(f"entregent: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if is_command:
        parser = build_command_parser()
    else:
        parser = build_app_parser(with_epilog=first is not None or _asks_help(argv))
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        if not is_command:
            from entregent.cli.app_launch import launch_app

            _check_files_exist(args.files)
            return launch_app(args)
        from entregent.cli.database_choice import open_for_command

        if getattr(args, "needs_database", True):
            open_for_command(args)
        return int(args.handler(args) or 0)
    except Ambiguous as exc:
        print(f"entregent: {exc}", file=sys.stderr)
        for candidate in exc.candidates:
            print(f"  {candidate}", file=sys.stderr)
        return exc.exit_code
    except UserError as exc:
        print(f"entregent: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``entregent due | head``): not an error of ours.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(_("entregent: interrupted."), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one clear sentence, the traceback on --debug
        import logging

        logging.getLogger("entregent").error("something went wrong", exc_info=exc)
        if debug:
            traceback.print_exc()
        print(
            _(
                "entregent: something went wrong ({error}). Run again with --debug for the details."
            ).format(error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return EXIT_BUG
