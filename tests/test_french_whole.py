"""French, whole (issue 16): with a French locale the command line speaks French
everywhere — argparse's own usage, help and errors, messages that would have
quoted a library, kinds in a person's history, dates in the older commands.
Each test starts from an empty HOME and runs the real ``entregent`` command."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from tests.fresh_home import run

FR = "fr_FR.UTF-8"


def _ok(home, *args, **kw):
    done = run(home, *args, **kw)
    assert done.returncode == 0, done.stderr
    return done


def _day(day: dt.date, language="fr_FR") -> str:
    return format_date(day, format="medium", locale=language)


def _home_with_lea(home):
    cards = home / "lea.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nEMAIL:lea@example.org\r\n"
        "BDAY:1990-04-02\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _ok(home, "import", str(cards))
    return home


def test_argparse_usage_help_and_errors_are_french(tmp_path):
    missing = run(tmp_path, "log", language=FR)
    assert missing.returncode == 2
    assert missing.stderr.startswith("utilisation : entregent log")
    assert "entregent log : erreur : ces arguments sont obligatoires : NOM, --kind" in (
        missing.stderr
    )
    helped = _ok(tmp_path, "log", "--help", language=FR).stdout
    assert "\noptions:\n" in helped and "\narguments:\n" in helped
    assert "-h, --help            afficher cette aide et quitter" in helped
    wrong = run(tmp_path, "--view", "nowhere", language=FR)
    assert wrong.returncode == 2
    assert "argument --view : choix impossible : 'nowhere' (au choix : 'home'" in wrong.stderr
    number = run(tmp_path, "undo-import", "abc", language=FR)
    assert "argument NUMÉRO : nombre entier attendu : « abc »" in number.stderr
    # and English stays English
    english = run(tmp_path, "log")
    assert english.stderr.startswith("usage: entregent log")
    assert "the following arguments are required: NAME, --kind" in english.stderr


def test_a_broken_date_is_said_in_our_words_not_the_librarys(tmp_path):
    cal = tmp_path / "broken.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:garbage\r\n"
        "SUMMARY:A\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    french = run(tmp_path, "import", str(cal), language=FR)
    assert french.returncode == 2
    assert "aucun" in french.stderr or "le seul événement" in french.stderr
    assert (
        "ligne 3 : refusée : DTSTART à la ligne 5 n’est pas une date ou une heure que le "
        "format permet (« garbage ») ; l’événement a été laissé de côté." in french.stderr
    )
    english = run(tmp_path, "import", str(cal))
    assert "DTSTART on line 5 is not a date or a time the file format allows (“garbage”)" in (
        english.stderr
    )
    for done in (french, english):
        assert "Expected" not in done.stderr  # icalendar's own words never reach the reader


def test_a_folder_that_cannot_be_written_is_said_in_french(tmp_path):
    target = tmp_path / "plain-file"
    target.write_text("not a folder", encoding="utf-8")
    done = run(tmp_path, "export", "contacts", str(target / "out.vcf"), language=FR)
    assert done.returncode == 2
    assert "Not a directory" not in done.stderr and "No such file" not in done.stderr


def test_kinds_and_dates_of_the_older_commands_are_french(tmp_path):
    home = _home_with_lea(tmp_path)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _ok(home, "log", "Léa", "--kind", "café", "--when", yesterday.isoformat(), language=FR)
    shown = _ok(home, "show", "Léa", language=FR).stdout
    assert f"Anniversaire : {_day(dt.date(1990, 4, 2))}" in shown
    assert f"    {_day(yesterday)} café" in shown
    english = _ok(home, "show", "Léa").stdout
    assert f"    {_day(yesterday, 'en_GB')} coffee" in english
    imports = _ok(home, "imports", language=FR).stdout
    assert _day(dt.date.today()) in imports and dt.date.today().isoformat() not in imports
    balance = _ok(home, "balance", "Léa", language=FR).stdout
    since = dt.date.today() - dt.timedelta(days=365)
    assert any(_day(since + dt.timedelta(days=d)) in balance for d in (-1, 0, 1)), balance
    assert since.isoformat() not in balance
