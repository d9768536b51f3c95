"""The demo network: a throw-away database built from ``seeds/`` with the same
import code users run.

Building it: open a new database, set the demo user's settings from the
journal (their own e-mail addresses, the phone region), import every ``.vcf``
then every ``.ics`` of the seeds folder with ``services.imports.import_file``,
load the journal (groups, ties, logged interactions, asks, follow-ups) through
the networking services — all as of the journal's anchor date — and finally
move every date by (today − anchor) so that the demo always looks current,
and put its texts in the UI's language (``demo.language``).

Importing a few hundred cards and a year of calendar takes seconds, so
``fresh_demo_database()`` keeps the built network (before the date shift) as
a template in the user cache folder, keyed by a hash of the seed files and of
the app's code, and copies it: the shift is the only work left. The template
is never the user's own database, and neither is the copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from entregent.paths import seeds_dir

__all__ = [
    "fresh_demo_database",
    "build_demo_database",
    "demo_template",
    "copy_demo",
    "DemoReport",
    "demo_cache_key",
]

_TEMPLATE_PREFIX = "demo-template-"
_DEMO_PREFIX = "entregent-demo-"
_OLD_DEMO = dt.timedelta(days=2)


@dataclass
class DemoReport:
    """What building the demo did: one import report per seed file, and the journal."""

    reports: list = field(default_factory=list)  # FileReport per seed file, in order
    journal: object = None  # demo_journal.JournalCounts
    anchor: dt.date | None = None


def build_demo_database(
    path: Path, *, today: dt.date | None = None, folder: Path | None = None
) -> DemoReport:
    """Build the demo network into ``path`` (a new file), dated as of ``today``."""
    from entregent.services.storage.session import close_session, open_session

    open_session(path, apply_language=False)
    try:
        report = _load_seeds(folder or seeds_dir())
        _bring_to(today or dt.date.today(), report.anchor, folder or seeds_dir())
    finally:
        close_session()
    return report


def _load_seeds(folder: Path) -> DemoReport:
    """Load every seed file through the importers, then the journal (dates as of the
    anchor; nothing shifted yet)."""
    from entregent.services.demo.journal import apply_journal_settings, load_journal, read_journal
    from entregent.services.imports.dispatch import import_file
    from entregent.services.settings import SETTINGS, set_setting

    journal = read_journal(folder)
    anchor = dt.date.fromisoformat(journal["anchor"])
    report = DemoReport(anchor=anchor)
    apply_journal_settings(journal)
    # The calendar holds the year before the anchor: reach back far enough to take it
    # all, whenever the demo is built.
    back = max((dt.date.today() - anchor).days, 0) + 400
    set_setting("calendar_import_days", back)
    for path in sorted(folder.glob("*.vcf")) + sorted(folder.glob("*.ics")):
        report.reports.append(import_file(path))
    set_setting("calendar_import_days", SETTINGS["calendar_import_days"].default)
    report.journal = load_journal(journal)
    return report


def _bring_to(today: dt.date, anchor: dt.date, folder: Path | None = None) -> None:
    """Move the loaded network's dates from the anchor to ``today``; people are
    new in the address book as of now; the texts are put in the UI's language."""
    from entregent.i18n import current_language
    from entregent.model.database import database
    from entregent.model.tables import utcnow
    from entregent.services.demo.dates import shift_dates
    from entregent.services.demo.journal import DEMO_ZONE
    from entregent.services.demo.language import put_in_language

    # "now" as seen from ``today`` (the same as the clock's unless a test says otherwise)
    now = utcnow() + dt.timedelta(days=(today - dt.date.today()).days)
    shift_dates((today - anchor).days, anchor, now=now, zone=DEMO_ZONE)
    database.execute_sql("UPDATE contact SET created_at = ?", (now.isoformat(" "),))
    put_in_language(current_language(), folder or seeds_dir())


def demo_cache_key(folder: Path | None = None) -> str:
    """A hash of the seed files and of the app's code (its version, its schema, and its
    sources where they are files): a template built from other seeds or by other code
    is never reused."""
    import entregent
    from entregent.model.migrations import CURRENT_VERSION

    digest = hashlib.sha256(f"{entregent.__version__} schema {CURRENT_VERSION}".encode())
    code = Path(entregent.__file__).resolve().parent
    for root in (folder or seeds_dir(), code):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".vcf", ".ics", ".json", ".py"):
                digest.update(str(path.relative_to(root)).encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _cache_folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("entregent", appauthor=False)


def demo_template(folder: Path | None = None) -> tuple[Path, DemoReport | None]:
    """The cached template (seeds loaded, dates as of the anchor) for these seeds and
    this code, built when missing; with the build's report when it was built now."""
    from entregent.model.database import database
    from entregent.services.storage.session import close_session, open_session

    folder = folder or seeds_dir()
    cache = _cache_folder()
    cache.mkdir(parents=True, exist_ok=True)
    template = cache / f"{_TEMPLATE_PREFIX}{demo_cache_key(folder)}.sqlite3"
    if template.exists():
        return template, None
    building = Path(tempfile.mkdtemp(prefix="entregent-demo-build-", dir=cache))
    try:
        path = building / "template.sqlite3"
        open_session(path, apply_language=False)
        try:
            report = _load_seeds(folder)
            database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            close_session()
        os.replace(path, template)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    for old in cache.glob(f"{_TEMPLATE_PREFIX}*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)
    return template, report


def copy_demo(
    template: Path, path: Path, *, today: dt.date | None = None, folder: Path | None = None
) -> Path:
    """Copy a template to ``path`` and bring its dates from the anchor (of the seeds in
    ``folder``) to ``today``."""
    from entregent.model.database import open_database
    from entregent.services.demo.journal import read_journal
    from entregent.services.settings import clear_cache
    from entregent.services.storage.session import close_session

    shutil.copyfile(template, path)
    clear_cache()
    open_database(path)  # not open_session: a throw-away copy needs no daily backup
    try:
        anchor = dt.date.fromisoformat(read_journal(folder or seeds_dir())["anchor"])
        _bring_to(today or dt.date.today(), anchor, folder or seeds_dir())
    finally:
        close_session()
    return path


def fresh_demo_database(*, today: dt.date | None = None, use_cache: bool = True) -> Path:
    """A new demo database in a temporary folder (removed by the OS, never the user's).

    ``ENTREGENT_DEMO_CACHE=0`` in the environment (or ``use_cache=False``) builds it
    from the seeds without the cached template."""
    _remove_old_demos()
    folder = Path(tempfile.mkdtemp(prefix=_DEMO_PREFIX))
    path = folder / "demo.sqlite3"
    if use_cache and os.environ.get("ENTREGENT_DEMO_CACHE") != "0":
        try:
            template, _report = demo_template()
        except OSError:  # no writable cache folder: build in place
            pass
        else:
            return copy_demo(template, path, today=today)
    build_demo_database(path, today=today)
    return path


def _remove_old_demos() -> None:
    """Throw-away demos left in the temporary folder by earlier runs, after two days."""
    limit = (dt.datetime.now() - _OLD_DEMO).timestamp()
    for folder in Path(tempfile.gettempdir()).glob(f"{_DEMO_PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
