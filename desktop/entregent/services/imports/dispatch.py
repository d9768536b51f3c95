"""Importing a file: vCard contacts or iCalendar events, told apart by their content.

``import_file`` is the one entry point (CLI, import wizard, demo). One file is
one transaction and one ``import_batch``: a crash, a cancel or a dry run leaves
the database as it was. A file that is neither vCard nor iCalendar (a PDF, an
image, an empty file, garbage) is refused at once, from its first bytes. A file
that looks like one but of which nothing could be stored — every card or event
broken, or junk between ``BEGIN:VCALENDAR``/``BEGIN:VCARD`` and its end — is
refused after reading (``NothingImported``, with the report of every problem and
its line): no history row claims an import that stored nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import NothingImported, UserError
from entregent.i18n import _, ngettext
from entregent.io.text_decoding import decode_content_lines
from entregent.io.vcard_split import sniff_kind
from entregent.model.database import database
from entregent.model.tables import ImportBatch, utcnow
from entregent.services.imports.report import CancelCheck, FileReport, ProgressCallback
from entregent.services.settings import get_setting

__all__ = ["import_file", "file_kind"]

_SNIFF_BYTES = 64 * 1024


class _RollBack(Exception):
    """Raised inside the transaction of a dry run to undo everything it did."""


def file_kind(path: str | os.PathLike) -> str:
    """ "vcard" or "ics" from the file's first bytes; UserError for anything else."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UserError(_("this is a folder, not a file."), path=path)
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise UserError(_("no such file."), path=path) from exc
    except OSError as exc:
        raise UserError(
            _("cannot read the file ({error}).").format(error=os_reason(exc)), path=path
        ) from exc
    if not head.strip():
        raise UserError(_("the file is empty; nothing was imported."), path=path)
    kind = sniff_kind(head)
    if kind is None:
        raise UserError(
            _("this is neither a vCard (.vcf) nor an iCalendar (.ics) file; nothing was imported."),
            path=path,
        )
    limit = int(get_setting("max_file_mb"))
    if size > limit * 1024 * 1024:
        raise UserError(
            _("the file is larger than {limit} MB; nothing was imported.").format(limit=limit),
            path=path,
        )
    return kind


def import_file(
    path: str | os.PathLike,
    *,
    create_contacts: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    since: dt.date | None = None,
    all_dates: bool = False,
) -> FileReport:
    """Import one vCard or iCalendar file and say what it did.

    Calendars: events from ``since`` (default: ``calendar_import_days`` ago),
    or of every date with ``all_dates``.

    ``dry_run`` does all the work and rolls it back (the report tells what would
    change). ``should_cancel()`` returning True rolls everything back and raises
    ``entregent.errors.Cancelled``. ``progress(done, total)`` is called now and then.
    """
    path = Path(path).expanduser().absolute()
    kind = file_kind(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("cannot read the file ({error}).").format(error=os_reason(exc)), path=path
        ) from exc
    file_hash = hashlib.sha1(data).hexdigest()
    report: FileReport | None = None
    try:
        with database.atomic():
            batch = ImportBatch.create(path=str(path), file_hash=file_hash, kind=kind)
            if kind == "vcard":
                report, extras = _import_vcard(path, data, batch, progress, should_cancel)
            else:
                from entregent.services.imports.ics_import import import_calendar

                report = import_calendar(
                    path,
                    batch=batch,
                    create_contacts=create_contacts,
                    dry_run=False,
                    progress=progress,
                    should_cancel=should_cancel,
                    since=since,
                    all_dates=all_dates,
                )
                extras = {}
            _refuse_if_nothing_stored(report)
            counts = report.as_json()
            counts.pop("duplicate_candidates", None)
            counts.update(extras)
            batch.counts = json.dumps(counts, ensure_ascii=False)
            batch.finished_at = utcnow()
            batch.save()
            report.batch_id = batch.id
            if dry_run:
                raise _RollBack()
    except _RollBack:
        assert report is not None
        report.batch_id = None
        report.dry_run = True
    return report


def _refuse_if_nothing_stored(report: FileReport) -> None:
    """``NothingImported`` when the file gave nothing to store and nothing valid was
    found in it: only broken cards or events, or lines that are not the format's.

    A valid file with nothing new (everything unchanged, events with nobody
    known, only older events, only to-dos) is not refused."""
    stored = report.new + report.updated + report.unchanged + report.removed
    valid_rest = report.unmatched or report.older or report.skipped_components
    if stored or valid_rest or not (report.rejected or report.skipped_lines):
        return
    items = len(report.rejected)
    first = min((p.line for p in report.skipped_lines if p.line), default=1)
    if items:
        message = _broken_items(report.kind, items)
    else:
        items = len(report.skipped_lines)
        if report.kind == "vcard":
            message = ngettext(
                "this file holds no card, only {n} line that is not vCard (line {line}); "
                "nothing was imported.",
                "this file holds no card, only {n} lines that are not vCard (the first on "
                "line {line}); nothing was imported.",
                items,
            )
        else:
            message = ngettext(
                "this file holds no event, only {n} line that is not iCalendar (line {line}); "
                "nothing was imported.",
                "this file holds no event, only {n} lines that are not iCalendar (the first "
                "on line {line}); nothing was imported.",
                items,
            )
    raise NothingImported(message.format(n=items, line=first), path=report.path, report=report)


def _broken_items(kind: str, n: int) -> str:
    if kind == "vcard":
        return ngettext(
            "the only card in this file could not be read; nothing was imported.",
            "none of the {n} cards in this file could be read; nothing was imported.",
            n,
        )
    return ngettext(
        "the only event in this file could not be read; nothing was imported.",
        "none of the {n} events in this file could be read; nothing was imported.",
        n,
    )


def _import_vcard(path: Path, data: bytes, batch: ImportBatch, progress, should_cancel):
    from entregent.services.imports.vcard_import import import_vcard_text

    text, encoding = decode_content_lines(data)
    report = FileReport(path=str(path), kind="vcard")
    created = import_vcard_text(
        text,
        path=str(path),
        encoding=encoding,
        batch=batch,
        report=report,
        progress=progress,
        should_cancel=should_cancel,
    )
    return report, {"created_contexts": created}
