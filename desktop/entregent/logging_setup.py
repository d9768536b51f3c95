"""The app's log: a rotating file in the user log folder that never holds private text.

``configure_logging()`` (called once at start by ``entregent.cli.main``, for the
GUI and the CLI alike) attaches a rotating file handler to the ``entregent``
logger: ``entregent.log`` in platformdirs' user log folder (or
``$ENTREGENT_LOG_DIR``), 1 MB per file, three old files kept.

What people wrote about people stays out of it. ``PrivacyFormatter`` rewrites
every record before it is written:

- arguments given as text (``log.info("imported %s", text)``) are replaced by
  their length, except file paths; numbers, dates and paths are kept;
- in the message and in the text of exceptions, e-mail addresses, phone
  numbers, quoted text (“…”, "…", '…') and vCard/iCalendar content lines
  (``NOTE:…``, ``DESCRIPTION;LANGUAGE=fr:…``) are replaced by a placeholder.

So: pass user text as arguments, never inside an f-string; and even then the
scrubbing above catches what matters most.
"""

from __future__ import annotations

import copy
import logging
import os
import re
from pathlib import Path, PurePath

__all__ = ["configure_logging", "log_folder", "log_file", "scrub", "PrivacyFormatter"]

LOGGER_NAME = "entregent"
LOG_FILENAME = "entregent.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
ENV_LOG_DIR = "ENTREGENT_LOG_DIR"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_EMAIL = re.compile(r"(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/.])\+?\(?\d(?:[ \t().\-/]*\d){6,}(?![\w/])")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[ T]\d\d(?::\d\d)*)?")
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"\n]*\"|(?<!\w)'[^'\n]*'(?!\w)")
_CONTENT_LINE = re.compile(r"\b([A-Z][A-Z0-9-]*(?:\.[A-Z][A-Z0-9-]*)?(?:;[^:\n]*)?):[^\n]*")
_PATH_LIKE = re.compile(r"^(?:[A-Za-z]:)?[\\/~.]|\.(?:vcf|ics|sqlite3|db|log|png)$", re.IGNORECASE)


def _phone(match: re.Match) -> str:
    text = match.group(0)
    return text if _ISO_DATE.fullmatch(text) else "‹phone›"


def scrub(text: str) -> str:
    """``text`` with e-mails, phone numbers, quoted text and content lines taken out."""
    if ":" in text:
        text = _CONTENT_LINE.sub(lambda m: f"{m.group(1)}:‹…›", text)
    if any(q in text for q in "“«\"'"):
        text = _QUOTED.sub("‹…›", text)
    if "@" in text:
        text = _EMAIL.sub("‹e-mail›", text)
    return _PHONE.sub(_phone, text)


def _safe_arg(value):
    if isinstance(value, bool | int | float) or value is None or isinstance(value, PurePath):
        return value
    if isinstance(value, str):
        if _PATH_LIKE.search(value) and "\n" not in value:
            return value
        return f"‹text, {len(value)} characters›"
    return value  # other objects (exceptions, dates): their text is scrubbed below


def _scrub_traceback(text: str) -> str:
    lines = []
    for line in text.splitlines():
        # frames ('  File "…", line n, in f') and source lines are code, not data
        lines.append(line if line.startswith("  ") else scrub(line))
    return "\n".join(lines)


class PrivacyFormatter(logging.Formatter):
    """A formatter that writes no note text, phone number or e-mail address."""

    def format(self, record: logging.LogRecord) -> str:
        record = copy.copy(record)
        args = record.args
        if isinstance(args, dict):
            args = {key: _safe_arg(value) for key, value in args.items()}
        elif args:
            args = tuple(_safe_arg(value) for value in args)
        try:
            message = str(record.msg) % args if args else str(record.msg)
        except (TypeError, ValueError):
            message = f"{record.msg} {args!r}"
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            record.exc_text = _scrub_traceback(self.formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = _scrub_traceback(record.stack_info)
        return super().format(record)


def log_folder() -> Path:
    env = os.environ.get(ENV_LOG_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_log_path

    return user_log_path("entregent", appauthor=False)


def log_file() -> Path:
    return log_folder() / LOG_FILENAME


class _RotatingFileOnFirstUse(logging.Handler):
    """A rotating file handler made on the first record written.

    ``logging.handlers`` (and what it imports: sockets, queues, pickle) costs
    about ten milliseconds; a desktop start that logs nothing need not pay it.
    """

    def __init__(self, path: Path, max_bytes: int):
        super().__init__()
        self.entregent_file = path
        self._max_bytes = max_bytes
        self._target: logging.Handler | None = None

    def _file_handler(self) -> logging.Handler:
        if self._target is None:
            import logging.handlers

            self._target = logging.handlers.RotatingFileHandler(
                self.entregent_file,
                maxBytes=self._max_bytes,
                backupCount=BACKUP_COUNT,
                encoding="utf-8",
            )
            self._target.setFormatter(self.formatter)
        return self._target

    def emit(self, record: logging.LogRecord) -> None:
        try:
            target = self._file_handler()
        except OSError:
            self.handleError(record)
            return
        target.handle(record)

    def flush(self) -> None:
        if self._target is not None:
            self._target.flush()

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
        super().close()


def configure_logging(
    level: int = logging.INFO, folder: Path | None = None, *, max_bytes: int = MAX_BYTES
) -> Path | None:
    """Send the ``entregent`` logger to the rotating file; returns its path.

    Calling it again changes nothing. A folder that cannot be written means no
    log file (None), never a failure to start.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in logger.handlers:
        if getattr(handler, "entregent_file", None):
            return handler.entregent_file
    path = (Path(folder) if folder else log_folder()) / LOG_FILENAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass  # writable now; the rotating handler itself comes with the first record
    except OSError:
        return None
    handler = _RotatingFileOnFirstUse(path, max_bytes)
    handler.setFormatter(PrivacyFormatter(_FORMAT))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return path


def remove_logging() -> None:
    """Detach and close the file handler (tests, and the end of a run)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if getattr(handler, "entregent_file", None):
            logger.removeHandler(handler)
            handler.close()
