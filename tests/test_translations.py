"""The French catalogue is complete and current, and the app speaks it.

The messages are extracted afresh from the source (as resources/update_translations.sh
does), so a string added without its translation makes this test fail. To fix:
run ``resources/update_translations.sh``, translate the entries it leaves empty or
fuzzy in ``resources/locale/fr/LC_MESSAGES/entregent.po``, run it again to compile.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from entregent import i18n

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "desktop" / "entregent"
LOCALE = ROOT / "resources" / "locale"
FRENCH_PO = LOCALE / "fr" / "LC_MESSAGES" / "entregent.po"
FRENCH_MO = LOCALE / "fr" / "LC_MESSAGES" / "entregent.mo"
# The same keywords as resources/update_translations.sh passes to pybabel.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIX = "run resources/update_translations.sh, translate, run it again"


def _extracted() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> where, for every message in the source."""
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((context, msgid), f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def french():
    with FRENCH_PO.open("rb") as po:
        return read_po(po, locale="fr")


def _key(message) -> tuple[str | None, str]:
    return (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)


def test_every_message_in_the_source_is_translated_in_french(french):
    catalogue = {_key(m): m for m in french if m.id}
    missing, untranslated, fuzzy = [], [], []
    for key, where in sorted(_extracted().items(), key=lambda item: item[1]):
        message = catalogue.get(key)
        if message is None:
            missing.append(f"{where}: {key[1]!r}")
        elif message.fuzzy:
            fuzzy.append(f"{where}: {key[1]!r}")
        elif not all(message.string) if isinstance(message.string, tuple) else not message.string:
            untranslated.append(f"{where}: {key[1]!r}")
    problems = (
        [f"missing from fr: {p}" for p in missing]
        + [f"untranslated in fr: {p}" for p in untranslated]
        + [f"fuzzy in fr: {p}" for p in fuzzy]
    )
    assert not problems, f"{len(problems)} French messages to do ({FIX}):\n" + "\n".join(problems)


def _placeholders(text: str) -> set[str]:
    names = {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}
    return names | set(re.findall(r"%\(\w+\)[sd]", text))


def test_translations_keep_every_placeholder(french):
    wrong = []
    for message in french:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_placeholders(i) for i in ids))
        for translated in strings:
            if translated and _placeholders(translated) - expected:
                wrong.append(f"{ids[0]!r} -> {translated!r}")
            elif translated and len(ids) == 1 and _placeholders(translated) != expected:
                wrong.append(f"{ids[0]!r} -> {translated!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_french_plural_rule_is_the_french_one(french):
    assert french.num_plurals == 2
    assert french.plural_expr.replace(" ", "") == "(n>1)"


def test_committed_mo_is_compiled_from_the_current_po(french):
    buffer = io.BytesIO()
    write_mo(buffer, french)
    buffer.seek(0)
    fresh = gettext.GNUTranslations(buffer)
    with FRENCH_MO.open("rb") as mo:
        committed = gettext.GNUTranslations(mo)
    assert committed._catalog == fresh._catalog, f"entregent.mo is stale: {FIX}"


def test_the_app_speaks_french_and_english_again():
    try:
        assert i18n.set_language("fr") == "fr"
        assert i18n._("Language") == "Langue"
        assert i18n._("family") == "famille"
        assert (
            i18n.ngettext("{n} possible duplicate:", "{n} possible duplicates:", 1)
            == "{n} doublon possible :"
        )
        assert (
            i18n.ngettext("{n} possible duplicate:", "{n} possible duplicates:", 0)
            == "{n} doublon possible :"
        )
        assert (
            i18n.ngettext("{n} possible duplicate:", "{n} possible duplicates:", 2)
            == "{n} doublons possibles :"
        )
        assert i18n.set_language("en") == "en"
        assert i18n._("Language") == "Language"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_BE.UTF-8", "LANGUAGE": "de:fr"}, "fr"),
        ({"LANG": "fr_BE.UTF-8", "LANGUAGE": "de"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_CA.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_system_language_follows_the_environment(monkeypatch, environment, expected):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in environment.items():
        monkeypatch.setenv(var, value)
    assert i18n.system_language() == expected


def test_the_language_setting_applies_at_the_next_start(db_path):
    from entregent.services.settings import set_setting
    from entregent.services.storage.session import close_session, open_session

    try:
        open_session(db_path)
        set_setting("language", "fr")
        close_session()
        open_session(db_path)
        assert i18n.current_language() == "fr"
        assert i18n._("People") == "Personnes"
        set_setting("language", "en")
        close_session()
        open_session(db_path)
        assert i18n.current_language() == "en"
    finally:
        close_session()
        i18n.set_language("en")


def _cli(*args, lang: str):
    import os
    import subprocess
    import sys

    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", LANG=lang, LANGUAGE="", LC_ALL="", LC_MESSAGES=""
    )
    env.pop("ENTREGENT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "entregent", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_command_line_follows_the_system_then_the_setting(db_path):
    from entregent.services.settings import set_setting
    from entregent.services.storage.session import close_session, open_session

    french = _cli("--db", db_path, "contexts", lang="fr_FR.UTF-8")
    assert french.returncode == 0, french.stderr
    assert "Contexte" in french.stdout and "famille" in french.stdout
    assert "voisinage" in french.stdout and "30 jours" in french.stdout
    try:
        open_session(db_path, apply_language=False)
        set_setting("language", "en")
    finally:
        close_session()
    english = _cli("--db", db_path, "contexts", lang="fr_FR.UTF-8")
    assert "family" in english.stdout and "famille" not in english.stdout
