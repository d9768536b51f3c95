"""Extreme files, each imported in a process of its own under a memory cap: a line of
100 MB, 100,000 properties in one card or event, nesting thousands deep, a huge photo,
a recurrence that never stops, NUL bytes, a file past the size limit.

The outcome must be an import (with per-item rejections carrying line numbers)
or the importer's clear refusal; the time and the peak memory of each are
measured and must stay within the guard below. Sizes are reduced by default;
``ENTREGENT_HOSTILE_FULL=1`` runs them at full size.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .fuzz_harness import FULL_SIZE, STATS, write_stats

RUNNER = Path(__file__).resolve().parent / "import_runner.py"
MEMORY_CAP = 3 * 1024**3  # address space of the importing process
GUARD_SECONDS = 60 if FULL_SIZE else 30  # includes starting Python and writing the report
GUARD_MB = 1024 if FULL_SIZE else 600

LINE_BYTES = 100 * 1024**2 if FULL_SIZE else 24 * 1024**2
PROPERTIES = 100_000 if FULL_SIZE else 20_000
DEPTH = 10_000 if FULL_SIZE else 3_000

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{name};;;;\r\n{body}END:VCARD\r\n"
EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\nBEGIN:VEVENT\r\n"
    "UID:hostile@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
    "DTSTART:{start}\r\nSUMMARY:Hostile\r\n"
    "ATTENDEE;CN=Hélène:mailto:helene@example.fr\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
)
OK_CARD = CARD.format(name="Still Here", body="EMAIL:still.here@example.org\r\n")


def _start(days_ago: int = 30) -> str:
    import datetime as dt

    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).strftime("%Y%m%dT%H%M%SZ")


def _write(path: Path, *parts) -> None:
    with path.open("wb") as handle:
        for part in parts:
            handle.write(part.encode("utf-8") if isinstance(part, str) else part)


def _vcard_line(path):
    head, tail = CARD.format(name="Long Line", body="NOTE:\x00").split("\x00")
    _write(path, head, b"a" * LINE_BYTES, tail, OK_CARD)


def _vcard_properties(path):
    body = "".join(f"EMAIL:p{n}@example.org\r\n" for n in range(PROPERTIES))
    _write(path, CARD.format(name="Many Properties", body=body), OK_CARD)


def _vcard_nesting(path):
    _write(
        path,
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" * DEPTH,
        "FN:Deep\r\n",
        "END:VCARD\r\n" * DEPTH,
        OK_CARD,
    )


def _vcard_agent_nesting(path):
    inner = "FN:Agent\r\n"
    for _ in range(60):  # each level escapes the one inside: the text grows quickly
        inner = (
            "BEGIN:VCARD\\nVERSION:3.0\\n"
            + inner.replace("\\", "\\\\").replace("\r\n", "\\n")
            + "END:VCARD\\n"
        )
        if len(inner) > 2_000_000:
            break
    _write(path, CARD.format(name="Agent", body=f"AGENT:{inner}\r\n"), OK_CARD)


def _vcard_photo(path):
    photo = base64.b64encode(os.urandom(12 * 1024**2)).decode()
    _write(
        path, CARD.format(name="Big Photo", body=f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\n"), OK_CARD
    )


def _vcard_binary(path):
    _write(path, b"\x00" * (5 * 1024**2))


def _vcard_invalid_utf8(path):
    _write(
        path,
        OK_CARD,
        b"BEGIN:VCARD\r\nFN:\xff\xfe\xc3\x28\xed\xa0\x80\r\nEND:VCARD\r\n",
        os.urandom(200_000),
        OK_CARD,
    )


def _too_big(path):
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(201 * 1024**2)


def _ics_line(path):
    head, tail = EVENT.format(start=_start(), body="DESCRIPTION:\x00").split("\x00")
    _write(path, head, b"b" * LINE_BYTES, tail)


def _ics_properties(path):
    body = "".join(f"ATTENDEE;CN=P{n}:mailto:p{n}@example.org\r\n" for n in range(PROPERTIES))
    _write(path, EVENT.format(start=_start(), body=body))


def _ics_nesting(path):
    _write(
        path,
        EVENT.format(start=_start(), body="BEGIN:VALARM\r\n" * DEPTH + "END:VALARM\r\n" * DEPTH),
    )


def _ics_endless_repeat(path):
    _write(path, EVENT.format(start=_start(700), body="RRULE:FREQ=SECONDLY\r\n"))


def _ics_minutely_repeat(path):
    _write(path, EVENT.format(start=_start(700), body="RRULE:FREQ=MINUTELY;INTERVAL=1\r\n"))


def _ics_exdates(path):
    body = "RRULE:FREQ=DAILY\r\n" + "".join(
        f"EXDATE:2024{1 + n % 12:02d}{1 + n % 28:02d}T{n % 24:02d}0000Z\r\n"
        for n in range(PROPERTIES)
    )
    _write(path, EVENT.format(start=_start(700), body=body))


def _junk_lines(n_bytes: int) -> bytes:
    """Printable lines that are no content line of any format (no colon)."""
    line = b"%% lorem ipsum dolor sit amet, not a property at all %%\r\n"
    return line * (n_bytes // len(line))


JUNK_BYTES = 100 * 1024**2 if FULL_SIZE else 16 * 1024**2


def _ics_junk(path):
    _write(path, b"BEGIN:VCALENDAR\r\n", _junk_lines(JUNK_BYTES), b"END:VCALENDAR\r\n")


def _vcard_junk(path):
    _write(path, b"BEGIN:VCARD\r\n", _junk_lines(JUNK_BYTES), b"END:VCARD\r\n")


def _ics_binary(path):
    _write(path, b"BEGIN:VCALENDAR\r\n", b"\x00" * (5 * 1024**2))


HOSTILE = {
    "vcard-100MB-line": ("vcf", _vcard_line),
    "vcard-100k-properties": ("vcf", _vcard_properties),
    "vcard-deep-nesting": ("vcf", _vcard_nesting),
    "vcard-agent-nesting": ("vcf", _vcard_agent_nesting),
    "vcard-huge-photo": ("vcf", _vcard_photo),
    "vcard-nul-bytes": ("vcf", _vcard_binary),
    "vcard-invalid-utf8": ("vcf", _vcard_invalid_utf8),
    "vcard-too-big-file": ("vcf", _too_big),
    "ics-100MB-line": ("ics", _ics_line),
    "ics-100k-properties": ("ics", _ics_properties),
    "ics-deep-nesting": ("ics", _ics_nesting),
    "ics-secondly-forever": ("ics", _ics_endless_repeat),
    "ics-minutely-forever": ("ics", _ics_minutely_repeat),
    "ics-100k-exdates": ("ics", _ics_exdates),
    "ics-nul-bytes": ("ics", _ics_binary),
    "ics-too-big-file": ("ics", _too_big),
    "ics-junk-wrapped": ("ics", _ics_junk),
    "vcard-junk-wrapped": ("vcf", _vcard_junk),
}
# Junk in the format's wrapper stores nothing: it must be refused, never "imported: 0".
MUST_REFUSE = {"ics-junk-wrapped", "vcard-junk-wrapped"}


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_isolated(db_path: Path, path: Path, *extra: str, timeout: float = 300) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(RUNNER), str(db_path), str(path), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    write_stats()


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file(name, db_path, tmp_path):
    suffix, make = HOSTILE[name]
    path = tmp_path / f"{name}.{suffix}"
    make(path)
    out = run_isolated(db_path, path)
    STATS.record(f"hostile-{suffix}", out["outcome"], out["seconds"])
    print(f"\n{name}: {out['outcome']} in {out['seconds']} s, peak {out['maxrss_mb']} MB")
    assert out["outcome"] in ("imported", "refused"), out.get("traceback", out)
    if name in MUST_REFUSE:
        assert out["outcome"] == "refused" and "nothing was imported" in out["error"], out
    if out["outcome"] == "imported":
        assert out["lines_ok"], out
    else:
        assert out["named_file"] and out["error"], out
    assert out["seconds"] < GUARD_SECONDS, out
    assert out["maxrss_mb"] < GUARD_MB, out
