"""The log file: rotating, in the user log folder, and free of private text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from entregent.logging_setup import (
    ENV_LOG_DIR,
    configure_logging,
    log_folder,
    remove_logging,
    scrub,
)

NOTE = "Her daughter is ill again, keep it between us"
PHONES = ["+33 6 12 34 56 78", "06.12.34.56.78", "(555) 123-4567", "+442079460958"]
EMAILS = ["helene.dupont@example.fr", "MARC+club@Sub.Example.org"]


@pytest.fixture
def log_path(tmp_path):
    remove_logging()
    path = configure_logging(folder=tmp_path)
    yield path
    remove_logging()


def _text(path: Path) -> str:
    for handler in logging.getLogger("entregent").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_log_never_holds_notes_phones_or_emails(log_path):
    log = logging.getLogger("entregent.services.test")
    log.info("saved note %s for contact %d", NOTE, 42)
    log.warning("note was %r", NOTE)
    log.info("values %(note)s / %(id)s", {"note": NOTE, "id": 7})
    for phone in PHONES:
        log.info(f"calling {phone} now")  # an f-string: the scrubbing still catches it
    for email in EMAILS:
        log.info(f"mail to {email} bounced")
    log.info(f"“{NOTE}” is not a date")
    try:
        raise ValueError(
            f"At line 12: could not parse NOTE;CHARSET=UTF-8:{NOTE} and "
            f"TEL;CELL:{PHONES[0]} for {EMAILS[0]}"
        )
    except ValueError:
        log.exception("import failed for %s", Path("/home/me/phone.vcf"))
    text = _text(log_path)
    assert NOTE not in text and "daughter" not in text
    for secret in PHONES + EMAILS:
        assert secret not in text
    assert "34 56 78" not in text and "1234567" not in text.replace(" ", "")
    # what helps to debug is still there
    assert "for contact 42" in text
    assert "/home/me/phone.vcf" in text
    assert "Traceback" in text and "ValueError" in text and "At line 12" in text
    assert "‹text, 45 characters›" in text
    assert text.count("‹phone›") >= 4 and text.count("‹e-mail›") >= 2


def test_dates_counts_and_paths_stay_readable():
    line = "imported 10000 cards from /tmp/x/phone.vcf on 2025-03-01 18:30:00 in 2.5 s"
    assert scrub(line) == line


def test_log_rotates_and_keeps_three_old_files(tmp_path):
    remove_logging()
    log_path = configure_logging(folder=tmp_path, max_bytes=20_000)
    try:
        log = logging.getLogger("entregent.rotation")
        chunk = "x" * 1000
        for n in range(200):
            log.info("%d %s", n, Path(chunk))
    finally:
        remove_logging()
    files = sorted(p.name for p in log_path.parent.iterdir())
    assert files == ["entregent.log", "entregent.log.1", "entregent.log.2", "entregent.log.3"]
    assert all(p.stat().st_size <= 22_000 for p in log_path.parent.iterdir())


def test_configure_twice_adds_one_handler(log_path, tmp_path):
    assert configure_logging(folder=tmp_path / "elsewhere") == log_path
    handlers = [
        h for h in logging.getLogger("entregent").handlers if getattr(h, "entregent_file", None)
    ]
    assert len(handlers) == 1


def test_log_folder_is_the_user_log_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_LOG_DIR, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = log_folder()
    assert "entregent" in folder.parts
    monkeypatch.setenv(ENV_LOG_DIR, str(tmp_path / "logs"))
    assert log_folder() == tmp_path / "logs"


def test_unwritable_folder_does_not_stop_the_app(tmp_path):
    remove_logging()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert configure_logging(folder=blocker / "logs") is None
