"""Backups of the user's network, and restoring one.

Copies are made with SQLite's online backup API, so they are consistent even
while the app (or another program) has the database open. Automatic copies go
to a ``backups`` folder beside the database, named
``<database name>.<YYYY-MM-DD>T<HHMMSS>.<reason>.sqlite3`` (local time):

- ``daily``: on the first start of each day (``backup_if_due``: a stat of the
  folder when a copy was already made today, nothing more; an empty network is
  not copied, nor one unchanged since the last daily copy); the desktop app
  makes it on a worker with ``VACUUM INTO``, given up when the window closes;
- ``migration``: before a schema upgrade (besides ``<file>.bak-v<old>``);
- ``merge``: before two contacts are merged;
- ``manual``: ``entregent backup`` with no file (never removed by the rotation);
- ``before-restore``: the database as it was just before ``entregent restore``
  put a copy in its place (never removed by the rotation either).

The rotation keeps the first automatic copy of each of the last 7 days that
have one, the first of each of the last 4 weeks, and always the newest.

Putting a copy back is ``services.restore``.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from entregent.error_words import reason_for
from entregent.errors import DatabaseRefused, NotFound, UserError
from entregent.i18n import N_, _
from entregent.model.database import session_path
from entregent.model.migrations import copy_database

__all__ = [
    "BEFORE_RESTORE",
    "REASON_LABELS",
    "BackupInfo",
    "backups_folder",
    "create_backup",
    "backup_if_due",
    "backup_before",
    "backup_before_merge",
    "backup_before_upgrade",
    "list_backups",
    "rotate_backups",
    "KEEP_DAILY",
    "KEEP_WEEKLY",
]

FOLDER_NAME = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
AUTOMATIC_REASONS = ("daily", "migration", "merge")
BEFORE_RESTORE = "before-restore"
REASONS = AUTOMATIC_REASONS + ("manual", BEFORE_RESTORE)
# Why a copy was made, as people read it (translate where shown; the key stays in
# the file name and in --json).
REASON_LABELS = {
    "daily": N_("daily copy"),
    "migration": N_("before an upgrade"),
    "merge": N_("before a merge"),
    "manual": N_("made by you"),
    BEFORE_RESTORE: N_("before a restore"),
}
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<db>.+)\.(?P<stamp>\d{4}-\d\d-\d\dT\d{6})(?:-(?P<n>\d+))?"
    r"\.(?P<reason>[a-z]+(?:-[a-z]+)?)\.sqlite3$"
)
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the name
    reason: str
    size: int

    def as_json(self) -> dict:
        return {
            "path": str(self.path),
            "taken_at": self.taken_at.isoformat(),
            "reason": self.reason,
            "size": self.size,
        }


def backups_folder(database: Path) -> Path:
    return Path(database).parent / FOLDER_NAME


def clock() -> dt.datetime:
    """The time backups are named and judged by (now, to the second); tests set
    it to stand on another day."""
    return dt.datetime.now().replace(microsecond=0)


def _current_path() -> Path:
    path = session_path()
    if path is None:
        raise UserError(_("no database is open."))
    return path


def _sqlite_copy(source: Path, target: Path) -> None:
    """``source`` copied into the new file ``target``: one self-contained file."""
    copy_database(source, target, standalone=True)


def _write_error(exc: Exception, path: Path) -> UserError:
    from entregent.model.storage_guard import storage_error_for

    return storage_error_for(exc, str(path)) or UserError(
        _("could not write the backup ({error}).").format(error=reason_for(exc)), path=path
    )


def _copy_to_new_file(source: Path, target: Path) -> None:
    """A complete copy at ``target`` or nothing: written beside it, then renamed."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _sqlite_copy(source, partial)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _sync_folder(target.parent)
    except Exception as exc:  # a damaged file fails in many ways (even UnicodeDecodeError)
        partial.unlink(missing_ok=True)
        if not isinstance(exc, OSError | sqlite3.OperationalError):
            raise DatabaseRefused(
                _("the database is damaged ({error}); no backup was made.").format(
                    error=reason_for(exc)
                ),
                path=source,
            ) from exc
        raise _write_error(exc, target) from exc


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _holds_anything(database: Path) -> bool:
    """Whether the network holds anyone or anything yet (an empty one needs no copy)."""
    try:
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM contact) OR EXISTS (SELECT 1 FROM interaction)"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return True
    return bool(row[0])


def _new_name(database: Path, folder: Path, reason: str, when: dt.datetime) -> Path:
    """A name no copy has: copies made within the same second, whatever their
    reasons, are numbered in the order they were made (``list_backups`` sorts by it)."""
    stem = f"{database.name}.{when.strftime(_STAMP)}"
    n = 1
    while any(folder.glob(f"{glob.escape(stem if n == 1 else f'{stem}-{n}')}.*.sqlite3")):
        n += 1
    return folder / (f"{stem}.{reason}.sqlite3" if n == 1 else f"{stem}-{n}.{reason}.sqlite3")


def create_backup(
    database: Path | None = None,
    target: Path | None = None,
    *,
    reason: str = "manual",
    rotate: bool = True,
) -> Path:
    """Copy the database (the open one by default) and return the copy's path.

    With ``target`` the copy goes there (an existing file is refused); without,
    it goes to the backups folder under ``reason`` and the rotation runs.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    database = Path(database) if database is not None else _current_path()
    if not database.is_file():
        raise NotFound(_("there is no database here to back up."), path=database)
    if target is not None:
        target = Path(target).expanduser()
        if target.resolve() == database.resolve():
            raise UserError(_("a backup cannot replace the database itself."), path=target)
        if target.exists():
            raise UserError(
                _("this file already exists; choose a new name for the backup."), path=target
            )
        _copy_to_new_file(database, target)
        return target
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    target = _new_name(database, folder, reason, clock())
    _copy_to_new_file(database, target)
    if rotate:
        rotate_backups(database)
    return target


def list_backups(database: Path | None = None) -> list[BackupInfo]:
    """The copies of this database in its backups folder, oldest first."""
    database = Path(database) if database is not None else _current_path()
    folder = backups_folder(database)
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["db"] != database.name or match["reason"] not in REASONS:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
        found.append(
            (
                taken,
                int(match["n"] or 1),
                BackupInfo(Path(entry.path), taken, match["reason"], entry.stat().st_size),
            )
        )
    found.sort(key=lambda item: (item[0], item[1]))
    return [info for _taken, _n, info in found]


def _kept(backups: list[BackupInfo]) -> set[Path]:
    automatic = [b for b in backups if b.reason in AUTOMATIC_REASONS]
    keep = {b.path for b in backups if b.reason not in AUTOMATIC_REASONS}
    if automatic:
        keep.add(automatic[-1].path)
    first_of_day: dict[dt.date, BackupInfo] = {}
    first_of_week: dict[tuple[int, int], BackupInfo] = {}
    for b in automatic:  # oldest first: the first seen is the day's (week's) first
        first_of_day.setdefault(b.taken_at.date(), b)
        first_of_week.setdefault(b.taken_at.isocalendar()[:2], b)
    for day in sorted(first_of_day, reverse=True)[:KEEP_DAILY]:
        keep.add(first_of_day[day].path)
    for week in sorted(first_of_week, reverse=True)[:KEEP_WEEKLY]:
        keep.add(first_of_week[week].path)
    return keep


def rotate_backups(database: Path | None = None) -> list[Path]:
    """Remove the automatic copies the rotation no longer keeps; returns what was removed."""
    backups = list_backups(database)
    keep = _kept(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
            except OSError:
                continue
            removed.append(b.path)
    return removed


STATE_FILE = ".last-daily.json"  # in the backups folder: what the last daily copy saw
PROGRESS_STEPS = 1000  # SQLite steps between two looks at ``cancelled``


def _fingerprint(database: Path) -> list:
    """Size and time of change of the file and its write-ahead log: equal while
    nobody wrote to the network."""
    marks = []
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            info = path.stat()
        except OSError:
            marks.append(None)
        else:
            marks.append([info.st_size, info.st_mtime_ns])
    return marks


def _read_state(folder: Path) -> dict:
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _write_state(folder: Path, database: Path, fingerprint: list, copy: Path) -> None:
    state = _read_state(folder)
    state[database.name] = {"fingerprint": fingerprint, "copy": copy.name}
    try:
        (folder / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    except OSError:
        pass  # the next start copies again: nothing lost


def _snapshot(source: Path, target: Path, cancelled) -> bool:
    """``VACUUM INTO`` a new file from a read-only connection: one consistent
    snapshot that never takes the write lock, nor restarts when the app writes
    meanwhile (as the backup API would). False if ``cancelled()`` stopped it."""
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        conn.set_progress_handler(lambda: 1 if cancelled() else 0, PROGRESS_STEPS)
        try:
            conn.execute("VACUUM INTO ?", (str(target),))
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                return False
            raise
    finally:
        conn.close()
    copy = sqlite3.connect(str(target))
    try:
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()
    return True


def _daily_copy(database: Path, cancelled) -> Path | None:
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    target = _new_name(database, folder, "daily", clock())
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if not _snapshot(database, partial, cancelled):
            partial.unlink(missing_ok=True)
            return None
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _sync_folder(folder)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError | sqlite3.Error):
            raise _write_error(exc, target) from exc
        raise
    rotate_backups(database)
    return target


def backup_if_due(database: Path, *, cancelled=None) -> Path | None:
    """The daily copy, if none was made today and the network changed since the
    last one. Cheap when one was: a stat of the folder.

    A network with nobody and nothing in it yet is not copied. ``cancelled()``
    is asked every few SQLite steps: True gives the copy up (the window is
    closing), leaving no partial file; the next start makes it.

    Never stops the app from starting: a copy that cannot be made is skipped.
    """
    database = Path(database)
    folder = backups_folder(database)
    today = clock().date()
    try:
        changed = dt.date.fromtimestamp(folder.stat().st_mtime)
    except OSError:
        changed = None
    if changed == today:
        prefix = f"{database.name}.{today.isoformat()}T"
        try:
            if any(name.startswith(prefix) for name in os.listdir(folder)):
                return None
        except OSError:
            return None
    if not _holds_anything(database):
        return None
    fingerprint = _fingerprint(database)
    last = _read_state(folder).get(database.name) or {}
    if last.get("fingerprint") == fingerprint and (folder / str(last.get("copy"))).is_file():
        return None  # nothing written since that copy
    try:
        made = _daily_copy(database, cancelled or (lambda: False))
    except UserError:
        return None
    if made is not None:
        _write_state(folder, database, fingerprint, made)
    return made


def backup_before(reason: str, database: Path | None = None) -> Path:
    """A copy before risky work (``"merge"``, ``"migration"``), to the backups folder."""
    return create_backup(database, reason=reason)


def backup_before_merge() -> Path | None:
    """The copy ``merge_contacts`` makes first; a copy that cannot be made is logged and
    the merge goes on (it can be undone on its own)."""
    try:
        return create_backup(reason="merge")
    except UserError as exc:
        import logging

        logging.getLogger(__name__).warning("no backup before the merge: %s", exc)
        return None


def backup_before_upgrade(database: Path) -> Path | None:
    """A copy to the backups folder when the file's schema is older than this code's.

    Reads the 100-byte file header only; a file that is not SQLite (or is newer)
    is left for ``open_database`` to refuse. Never stops the app from starting.
    """
    from entregent.model.migrations import CURRENT_VERSION

    version = _header_version(Path(database))
    if version is None or version >= CURRENT_VERSION:
        return None
    try:
        return create_backup(database, reason="migration")
    except UserError:
        return None


def _header_version(path: Path) -> int | None:
    """``PRAGMA user_version`` read from the file header (None: not an SQLite file)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        return None
    return int.from_bytes(header[60:64], "big")
