"""argparse's own words — usage, help headings, its errors — in the UI language.

argparse looks up its texts through the ``_`` and ``ngettext`` it took from
gettext at import time. ``install()`` points them at the app's catalogue, in
which the texts below (those of the Python versions we support) are translated.
A text a newer Python words differently stays in English.
"""

from __future__ import annotations

import argparse

from entregent.i18n import N_, _, ngettext, pgettext

__all__ = ["install", "speak_placeholders", "whole_number"]

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_messages() -> None:  # never called: marks argparse's plural texts
    ngettext("expected %s argument", "expected %s arguments", 1)


def whole_number(text: str) -> int:
    """An argparse type for a whole number, refused in our words (argparse's own
    would name Python's type: "invalid int value")."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a whole number is expected: “{text}”").format(text=text)
        ) from None


def _placeholder_words() -> dict[str, str]:
    """The placeholders of the help (metavars), in the UI language."""
    return {
        "PATH": pgettext("placeholder", "PATH"),
        "OUT.png": pgettext("placeholder", "OUT.png"),
        "OUT.vcf": pgettext("placeholder", "OUT.vcf"),
        "OUT.ics": pgettext("placeholder", "OUT.ics"),
        "OUT": pgettext("placeholder", "OUT"),
        "FILE": pgettext("placeholder", "FILE"),
        "TEXT": pgettext("placeholder", "TEXT"),
        "NAME": pgettext("placeholder", "NAME"),
        "KIND": pgettext("placeholder", "KIND"),
        "DATE": pgettext("placeholder", "DATE"),
        "WHAT": pgettext("placeholder", "WHAT"),
        "ASK_ID": pgettext("placeholder", "ASK_ID"),
        "ANSWER": pgettext("placeholder", "ANSWER"),
        "HH:MM": pgettext("placeholder", "HH:MM"),
        "GROUP": pgettext("placeholder", "GROUP"),
        "REGISTER": pgettext("placeholder", "REGISTER"),
        "ID": pgettext("placeholder", "ID"),
        "NUMBER": pgettext("placeholder", "NUMBER"),
        "CONTEXT": pgettext("placeholder", "CONTEXT"),
        "USER": pgettext("placeholder", "USER"),
        "HREF|NAME": pgettext("placeholder", "HREF|NAME"),
        "COMMAND": pgettext("placeholder", "COMMAND"),
        "ACTION": pgettext("placeholder", "ACTION"),
    }


def speak_placeholders(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Every placeholder of ``parser`` and its subparsers in the UI language."""
    words = _placeholder_words()
    seen: set[int] = set()

    def walk(current: argparse.ArgumentParser) -> None:
        if id(current) in seen:
            return
        seen.add(id(current))
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                action.metavar = words.get(str(action.metavar), action.metavar)
                for child in action.choices.values():
                    walk(child)
                continue
            if action.nargs == 0 or (action.choices and action.metavar is None):
                continue
            english = action.metavar or (
                action.dest.upper() if action.option_strings else action.dest
            )
            if isinstance(english, str):
                action.metavar = words.get(english, english)

    walk(parser)
    return parser


def install() -> None:
    """From now on argparse speaks the UI language (call after ``set_language``)."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's own module-level name
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
