"""The demo network in the UI's language (issue 16): from an empty HOME, the real
``entregent --demo`` reads French notes under a French locale and English ones
otherwise, from the same cached template."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fresh_home import run

ROOT = Path(__file__).resolve().parents[1]

FRENCH = json.loads((ROOT / "seeds" / "journal.fr.json").read_text(encoding="utf-8"))["texts"]


def _show(home, name, language):
    done = run(home, "--demo", "show", name, "--json", language=language, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_demo_speaks_the_ui_language(tmp_path):
    french = _show(tmp_path, "Bernard Durand", "fr_FR.UTF-8")
    english = _show(tmp_path, "Bernard Durand", "C.UTF-8")
    assert english["note"] == "Papa. Retired railway engineer, grows tomatoes."
    assert french["note"] == (
        "Papa. Ingénieur des chemins de fer à la retraite, cultive des tomates."
    )
    english_notes = [i["note"] for i in english["recent_interactions"] if i["note"]]
    french_notes = [i["note"] for i in french["recent_interactions"] if i["note"]]
    assert english_notes and len(french_notes) == len(english_notes)
    assert french_notes == [FRENCH.get(note, note) for note in english_notes]
    assert any(note in FRENCH for note in english_notes)
    assert not any(note in FRENCH and FRENCH[note] != note for note in french_notes)


def test_every_note_and_follow_up_of_the_journal_has_its_french():
    journal = json.loads((ROOT / "seeds" / "journal.json").read_text(encoding="utf-8"))
    notes = {i["note"] for i in journal["interactions"] if i.get("note")}
    notes |= {f["note"] for f in journal["followups"] if f.get("note")}
    assert sorted(notes - set(FRENCH)) == []
    assert all(french.strip() for french in FRENCH.values())
