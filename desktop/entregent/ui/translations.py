"""Qt's own strings and formats in the user's language.

Our texts come from gettext (``entregent.i18n``); Qt's built-in ones (the
standard dialog buttons, the line-edit context menu, the colour and file
dialogs) come from the ``qtbase_<lang>.qm`` files shipped inside PySide6.

Contract for ``ui/app.py``: once the QApplication exists and the session has set
the language (``services.session.open_session`` applies the ``language``
setting), call::

    install_qt_translations(app)            # the gettext language in use
    install_qt_translations(app, "fr")      # or an explicit code

It also makes the matching ``QLocale`` the default, so that dates and numbers
(``ui.locale_format``, QDateEdit, QCalendarWidget) follow the same language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from entregent.i18n import current_language

__all__ = ["install_qt_translations", "qt_translations_dir", "locale_for"]

_LANGUAGES = {"en": QLocale.Language.English, "fr": QLocale.Language.French}
_installed: list[QTranslator] = []  # kept alive: Qt does not own them


def qt_translations_dir() -> Path:
    """Where PySide6 keeps Qt's .qm files (inside the wheel or the bundle)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def locale_for(language: str) -> QLocale:
    """The QLocale for ``language``: in the system's region when the system speaks
    it (fr_CA, en_GB keep their regional formats), else the language's default.

    Built from Qt's own data rather than the system locale object, whose formats
    may come from another category (LANGUAGE=fr with LC_TIME=C gives "d MM yyyy").
    """
    system = QLocale.system()
    wanted = _LANGUAGES.get(language, QLocale.Language.English)
    if system.language() == wanted:
        return QLocale(wanted, system.territory())
    return QLocale(wanted)


def install_qt_translations(app: QCoreApplication, language: str | None = None) -> bool:
    """Load Qt's own translations for ``language`` (default: the one in use).

    Replaces what an earlier call installed. Returns True when a Qt catalogue
    was loaded (English needs none).
    """
    if language in (None, "", "system"):
        language = current_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(locale_for(language))
    if language == "en":
        return False
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{language}", str(qt_translations_dir())):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
