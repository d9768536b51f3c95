"""argparse's own words — usage, help headings, its errors — in the UI language.

argparse looks up its texts through the ``_`` and ``ngettext`` it took from
gettext at import time. ``install()`` points them at the app's catalogue, in
which the texts below (those of the Python versions we support) are translated.
A text a newer Python words differently stays in English.
"""

from __future__ import annotations

import argparse

from entregent.i18n import N_, _, ngettext

__all__ = ["install"]

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


def install() -> None:
    """From now on argparse speaks the UI language (call after ``set_language``)."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's own module-level name
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
