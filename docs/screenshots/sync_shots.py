"""Draw docs/sync-page.png and docs/sync-conflict.png with the real widgets.

A throw-away Radicale on a loopback port, a throw-away database, an account
synced once, then a card changed on both sides so that the conflict dialog has
something to show. Offscreen; nothing of the user's is read or written.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/sync_shots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.sync import PASSWORD, USER, _start_radicale  # noqa: E402

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{family};{given};;;\r\n"
    "EMAIL;TYPE=HOME:{email}\r\nTEL;TYPE=CELL:{phone}\r\nNOTE:{note}\r\nEND:VCARD\r\n"
)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="entregent-sync-shots-"))
    process, url = _start_radicale(folder)
    try:
        return _draw(folder, url)
    finally:
        process.terminate()
        process.wait(30)


def _draw(folder: Path, url: str) -> int:
    import httpx
    from PySide6.QtWidgets import QApplication

    from entregent.i18n import set_language
    from entregent.services.imports.dispatch import import_file
    from entregent.services.storage.session import open_session
    from entregent.services.sync.accounts import add_account
    from entregent.services.sync.engine import sync_account
    from entregent.sync.webdav import DavClient
    from entregent.ui.app_context import AppContext
    from entregent.ui.sync_page import ConflictDialog, SyncDialog

    app = QApplication([])
    set_language("en")
    open_session(folder / "shots.sqlite3", apply_language=False)
    with DavClient(url, USER, PASSWORD) as client:
        client.make_collection(f"/{USER}/contacts/", "card", "Contacts")
        client.make_collection(f"/{USER}/calendar/", "cal", "Calendar")
    people = folder / "people.vcf"
    people.write_text(
        CARD.format(
            uid="ines", name="Inès Duval", family="Duval", given="Inès",
            email="ines@example.org", phone="+33 6 12 34 56 78", note="Met at the choir",
        )
        + CARD.format(
            uid="marc", name="Marc Lefèvre", family="Lefèvre", given="Marc",
            email="marc@example.org", phone="+33 6 98 76 54 32", note="Tennis on Thursdays",
        ),
        encoding="utf-8",
        newline="",
    )  # fmt: skip
    import_file(people)
    add_account("home", url, USER, PASSWORD)
    sync_account("home", PASSWORD)
    with httpx.Client(base_url=url, auth=(USER, PASSWORD)) as phone:
        href = f"/{USER}/contacts/ines.vcf"
        answer = phone.get(href)
        text = answer.text.replace("Met at the choir", "Sings alto in the choir")
        text = text.replace("+33 6 12 34 56 78", "+33 7 11 22 33 44")
        phone.put(href, content=text.encode(), headers={"If-Match": answer.headers["etag"]})
    from entregent.model.database import database
    from entregent.services.sync.local import LocalBook  # noqa: F401 - the model is open

    database.execute_sql(
        "UPDATE contact SET note = 'Choir, and now the orchestra' WHERE uid = 'ines'"
    )
    sync_account("home", PASSWORD)

    context = AppContext()
    dialog = SyncDialog(context)
    dialog.resize(760, 380)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(ROOT / "docs" / "sync-page.png"))
    conflicts = ConflictDialog("home")
    conflicts.resize(760, 360)
    conflicts.show()
    app.processEvents()
    conflicts.grab().save(str(ROOT / "docs" / "sync-conflict.png"))
    print("wrote docs/sync-page.png and docs/sync-conflict.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
