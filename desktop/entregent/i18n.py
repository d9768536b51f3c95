"""One translation system for the whole app: GNU gettext.

The CLI, the services, the advisor and the GUI all call ``_`` (and
``ngettext``/``pgettext``) from here. Strings declared at import time (setting
labels, table headers) are marked with ``N_`` and translated where shown.

The catalogue lives in ``resources/locale/<lang>/LC_MESSAGES/entregent.mo``.
The language is chosen once at start-up by ``set_language``: an explicit
choice ("en", "fr") or "system", which follows LANGUAGE/LC_ALL/LC_MESSAGES/LANG.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os

from entregent import errors
from entregent.paths import locale_dir

DOMAIN = "entregent"
SUPPORTED = ("en", "fr")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def system_language() -> str:
    """The user's language from the environment, reduced to one we support.

    As gettext does: the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set
    decides; it may list several languages ("de:fr"), the first we have wins; "C"
    or none we have means English. Without any of them (Windows, macOS apps
    started from the desktop), the locale Python reports.
    """
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return _supported_code(value.split(":"))
    try:
        code = _locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return _supported_code([code])


def _supported_code(candidates: list[str]) -> str:
    for candidate in candidates:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in ("c", "posix"):
            return "en"
        if code in SUPPORTED:
            return code
        if code == "french":  # Windows names locales "French_France"
            return "fr"
    return "en"


def set_language(language: str | None = "system") -> str:
    """Switch every later translation to ``language``; returns the code in use."""
    global _translation, _language
    code = system_language() if language in (None, "", "system") else language
    if code not in SUPPORTED:
        code = "en"
    _language = code
    if code == "en":
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation(
            DOMAIN, localedir=str(locale_dir()), languages=[code], fallback=True
        )
    return code


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _where_words(path: str, line: int | None) -> str:
    """The file and the line that open a ``UserError``'s message, in the UI language."""
    if line:
        return _("{path}, line {line}: ").format(path=path, line=line)
    return _("{path}: ").format(path=path)


errors.set_where_words(_where_words)
