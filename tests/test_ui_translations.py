"""Qt's own strings and formats follow the chosen language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from entregent import i18n
from entregent.ui.locale_format import format_date, format_datetime, format_number
from entregent.ui.translations import install_qt_translations, qt_translations_dir


@pytest.fixture
def in_french(qapp):
    i18n.set_language("fr")
    assert install_qt_translations(qapp)
    yield qapp
    i18n.set_language("en")
    install_qt_translations(qapp, "en")


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    try:
        return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    finally:
        box.deleteLater()


def test_pyside_ships_the_french_qt_catalogue():
    assert (qt_translations_dir() / "qtbase_fr.qm").is_file()


def test_standard_buttons_speak_french_then_english_again(in_french, qapp):
    assert _cancel_text() == "Annuler"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    install_qt_translations(qapp, "en")
    assert _cancel_text() == "Cancel"


def test_dates_and_numbers_in_french(in_french):
    assert QLocale().language() == QLocale.Language.French
    assert format_date(dt.date(2024, 5, 31)) == "31/05/2024"
    assert "mai" in format_date(dt.date(2024, 5, 31), "long")
    number = format_number(1234.5, 1)
    assert number.replace("\u202f", " ").replace("\u00a0", " ") == "1 234,5"


def test_dates_and_numbers_in_english(qapp):
    install_qt_translations(qapp, "en")
    assert QLocale().language() == QLocale.Language.English
    assert "May" in format_date(dt.date(2024, 5, 31), "long")
    assert format_number(1234.5, 1) == "1,234.5"
    assert "2024" in format_datetime(dt.datetime(2024, 5, 31, 12, 0), "long")


def test_french_dates_even_when_only_language_says_french():
    """LANGUAGE=fr with LANG=C: Qt's system locale mixes in C formats; ours must not."""
    import os
    import subprocess
    import sys

    script = (
        "import datetime as dt\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from entregent.ui.translations import install_qt_translations\n"
        "from entregent.ui.locale_format import format_date\n"
        "app = QApplication([])\n"
        "install_qt_translations(app, 'fr')\n"
        "print(format_date(dt.date(2026, 11, 5)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANGUAGE="fr", LANG="C.UTF-8", LC_ALL="")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "05/11/2026", result.stderr
