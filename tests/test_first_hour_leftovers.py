"""What the first hour (issue 16) still had to do: junk inside a card refused with
its file and line, the file-and-line opening of an error said in French, argparse's
placeholders and numbers in French. Each from an empty HOME, through the real
``entregent`` command."""

from __future__ import annotations

import json

from entregent import i18n
from entregent.errors import UserError
from tests.fresh_home import data_file, run

FR = "fr_FR.UTF-8"


def _no_import_recorded(home) -> None:
    listed = run(home, "imports", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == {"imports": []}


def test_junk_inside_a_card_is_refused_with_the_file_and_the_cards_line(tmp_path):
    junk = tmp_path / "junk.vcf"
    junk.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nasdkjh qwe\r\n%%%\r\nzzz\r\nEND:VCARD\r\n")
    done = run(tmp_path, "import", str(junk))
    assert done.returncode == 2
    assert done.stderr.startswith(f"entregent: {junk}: the only card in this file could not")
    assert (
        "  line 1: rejected: this card holds no vCard property, only 3 lines that are not "
        "vCard (the first on line 3); the card was left out." in done.stderr
    )
    assert "holds nothing" not in done.stderr
    _no_import_recorded(tmp_path)
    french = run(tmp_path, "import", str(junk), language=FR)
    assert french.returncode == 2
    assert (
        "ligne 1 : refusée : cette fiche ne contient aucune propriété vCard, seulement 3 "
        "lignes qui ne sont pas du vCard (la première à la ligne 3)" in french.stderr
    )
    _no_import_recorded(tmp_path)


def test_one_junk_card_among_good_ones_is_left_out_the_others_imported(tmp_path):
    cards = tmp_path / "mixed.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:L\xc3\xa9a Martin\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\n!!!\r\nEND:VCARD\r\n"
    )
    done = run(tmp_path, "import", "--json", str(cards))
    assert done.returncode == 3, done.stderr
    report = json.loads(done.stdout)["files"][0]
    assert report["new"] == 1
    assert [(p["line"], p["reason"]) for p in report["rejected"]] == [
        (
            5,
            "this card holds no vCard property, only 1 line that is not vCard (line 6); "
            "the card was left out.",
        )
    ]
    assert data_file(tmp_path).exists()


def test_the_file_and_line_that_open_an_error_are_said_in_the_ui_language(tmp_path):
    error = UserError("x", path=tmp_path / "a.ics", line=7)
    try:
        i18n.set_language("fr")
        assert str(error) == f"{tmp_path / 'a.ics'}, ligne 7 : x"
        assert str(UserError("y", path="b.vcf")) == "b.vcf : y"
        i18n.set_language("en")
        assert str(error) == f"{tmp_path / 'a.ics'}, line 7: x"
        assert str(UserError("y", path="b.vcf")) == "b.vcf: y"
        assert str(UserError("z")) == "z"
    finally:
        i18n.set_language("en")


def test_a_refused_file_is_named_with_french_spacing(tmp_path):
    junk = tmp_path / "junk.ics"
    junk.write_bytes(b"BEGIN:VCALENDAR\r\nasdkjh qwe\r\nEND:VCALENDAR\r\n")
    french = run(tmp_path, "import", str(junk), language=FR)
    assert french.returncode == 2
    assert french.stderr.startswith(f"entregent: {junk} : ce fichier ")


def _every_help(home, language):
    from entregent.cli import command_names

    pages = [run(home, "--help", language=language)]
    for command in sorted(command_names()):
        pages.append(run(home, command, "--help", language=language))
    for nested in ("export contacts", "export followups", "graph export", "graph ties"):
        pages.append(run(home, *nested.split(), "--help", language=language))
    for page in pages:
        assert page.returncode == 0, page.stderr
    return "\n".join(page.stdout for page in pages)


def test_every_help_page_has_its_placeholders_and_registers_in_french(tmp_path):
    import re

    french = _every_help(tmp_path, FR)
    for english in ("NAME", "KIND", "FILE", "TEXT", "PATH", "GROUP", "REGISTER", "WHAT"):
        assert not re.search(rf"\b{english}\b", french), english
    assert "--kind GENRE" in french and "--db CHEMIN" in french and "[FICHIER ...]" in french
    assert "TEXTE [TEXTE ...]" in french and "--limit NOMBRE" in french
    assert "afficher la version du programme et quitter" in french
    assert "help_given" not in french and "professional" not in french
    assert "aide apportée, aide reçue" in french
    english = _every_help(tmp_path, "C.UTF-8")
    assert "--kind KIND" in english and "--db PATH" in english and "TEXT [TEXT ...]" in english
    assert "help given, help received, ask" in english


def test_a_bad_number_is_said_in_our_words(tmp_path):
    french = run(tmp_path, "undo-import", "abc", language=FR)
    assert french.returncode == 2
    assert "argument NUMÉRO : nombre entier attendu : « abc »" in french.stderr
    assert "int" not in french.stderr.split("erreur :")[1]
    english = run(tmp_path, "search", "x", "--limit", "many")
    assert english.returncode == 2
    assert "argument --limit: a whole number is expected: “many”" in english.stderr


def test_a_register_given_in_french_is_stored_as_its_key(tmp_path):
    cards = tmp_path / "lea.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nEND:VCARD\r\n")
    assert run(tmp_path, "import", str(cards)).returncode == 0
    done = run(
        tmp_path,
        "log",
        "Léa",
        "--kind",
        "café",
        "--register",
        "aide reçue",
        "--json",
        language=FR,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["register"] == "help_received"
    wrong = run(tmp_path, "log", "Léa", "--kind", "café", "--register", "x", language=FR)
    assert wrong.returncode == 2
    assert "convivial, professionnel, groupe, aide apportée, aide reçue" in wrong.stderr
