"""CardDAV sync against a local Radicale, as ratios to a bare httpx read.

A Radicale server is started on a free loopback port with a temporary storage
folder; its address book holds N phone-like cards (10,000; 200 with --quick),
written into the storage folder as a restore would, and read once by the
server before anything is timed (Radicale parses every new file once). Then,
in one run:

- the baseline: plain httpx, one PROPFIND Depth 1 for the hrefs and ETags and
  addressbook-multiget REPORTs of every card (the same batches as the client),
  the least any client must do to read the collection;
- first sync: a new database, the whole book brought in (discovery, listing,
  multiget, import, the sync state of every card, one transaction);
- no-op sync: nothing changed on either side (the CTag alone answers);
- 100 changes: 50 people edited here and 50 cards edited on the server, then
  one sync (50 PUTs with If-Match, 50 cards fetched and brought in).

Requests of the no-op sync are counted too. The push direction (a first sync
of N local people to an empty server) is left out: Radicale checks each PUT's
UID against every card it holds, so N PUTs take the server quadratic time.

    python -m benchmarks.sync [--quick]
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402
from benchmarks.import_vcards import FAMILY, GIVEN, ORGS  # noqa: E402

ORDER = 80
USER, PASSWORD = "bench", "bench-secret"
BOOK = f"/{USER}/contacts/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_radicale(folder: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "radicale", "--config", "",
            "--server-hosts", f"127.0.0.1:{port}",
            "--storage-filesystem-folder", str(folder / "storage"),
            "--auth-type", "htpasswd",
            "--auth-htpasswd-filename", str(folder / "users"),
            "--auth-htpasswd-encryption", "plain",
            "--logging-level", "error",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=1)
            return process, url
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("Radicale did not start") from None
            time.sleep(0.1)


def _card(index: int) -> str:
    given, family = GIVEN[index % len(GIVEN)], FAMILY[(index * 7) % len(FAMILY)]
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"UID:sync-bench-{index}\r\nFN:{given} {family}\r\nN:{family};{given};;;\r\n"
        f"ORG:{ORGS[index % len(ORGS)]}\r\n"
        f"TEL;TYPE=CELL:+33 6 {index // 10000 % 100:02d} {index // 100 % 100:02d} "
        f"{index % 100:02d} 00\r\n"
        f"EMAIL;TYPE=INTERNET:person{index}@example.org\r\nEND:VCARD\r\n"
    )


def _seed(url: str, folder: Path, count: int) -> None:
    import httpx

    from entregent.sync.webdav import DavClient

    with DavClient(url, USER, PASSWORD) as client:
        client.make_collection(BOOK, "card", "Contacts")
    book = folder / "storage" / "collection-root" / USER / "contacts"
    for index in range(count):
        (book / f"sync-bench-{index}.vcf").write_bytes(_card(index).encode("utf-8"))
    with httpx.Client(base_url=url, auth=(USER, PASSWORD), timeout=3600) as http:
        assert http.request("PROPFIND", BOOK, headers={"Depth": "1"}).status_code == 207


def _bare_read(url: str) -> int:
    """PROPFIND Depth 1 and multiget of every card with plain httpx; cards read."""
    import re

    import httpx

    from entregent.sync.webdav import MULTIGET_BATCH

    propfind = (
        b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
        b"<d:getetag/></d:prop></d:propfind>"
    )
    with httpx.Client(base_url=url, auth=(USER, PASSWORD), timeout=3600) as http:
        listing = http.request("PROPFIND", BOOK, content=propfind, headers={"Depth": "1"})
        hrefs = [h for h in re.findall(r"<href>([^<]+\.vcf)</href>", listing.text)]
        read = 0
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            body = (
                '<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget '
                'xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop>'
                "<d:getetag/><card:address-data/></d:prop>"
                + "".join(f"<d:href>{h}</d:href>" for h in hrefs[start : start + MULTIGET_BATCH])
                + "</card:addressbook-multiget>"
            )
            answer = http.request("REPORT", BOOK, content=body.encode(), headers={"Depth": "1"})
            read += answer.text.count("BEGIN:VCARD")
    return read


def _change_both_sides(url: str, count: int) -> None:
    """50 people edited here, 50 other cards edited on the server."""
    import httpx

    from entregent.model.database import database

    step = max(count // 100, 1)
    here = [f"sync-bench-{i}" for i in range(0, count, step)][:50]
    there = [i for i in range(step // 2 or 1, count, step)][:50]
    with database.atomic():
        for uid in here:
            database.execute_sql("UPDATE contact SET note = 'edited here' WHERE uid = ?", (uid,))
    with httpx.Client(base_url=url, auth=(USER, PASSWORD), timeout=3600) as http:
        for index in there:
            text = _card(index).replace("END:VCARD", "NOTE:edited on the phone\r\nEND:VCARD")
            href = f"{BOOK}sync-bench-{index}.vcf"
            etag = http.head(href).headers.get("etag", "")
            answer = http.put(href, content=text.encode(), headers={"If-Match": etag})
            assert answer.status_code in (201, 204), answer.status_code


def run(quick: bool) -> list[dict]:
    from entregent.services.storage.session import close_session, open_session
    from entregent.services.sync.accounts import add_account
    from entregent.services.sync.engine import sync_account

    count, runs = (200, 3) if quick else (10_000, 1)
    folder = Path(tempfile.mkdtemp(prefix="entregent-bench-sync-"))
    process, url = _start_radicale(folder)
    try:
        _seed(url, folder, count)
        baselines, firsts, noops, changes, requests = [], [], [], [], []
        for index in range(runs):
            started = measure.now()
            assert _bare_read(url) == count
            baselines.append(measure.now() - started)
            open_session(folder / f"run{index}.sqlite3", apply_language=False)
            try:
                add_account("bench", url, USER, PASSWORD)
                started = measure.now()
                first = sync_account("bench", PASSWORD)
                firsts.append(measure.now() - started)
                assert first.here.new == count and not first.errors, first.as_json()
                started = measure.now()
                noop = sync_account("bench", PASSWORD)
                noops.append(measure.now() - started)
                requests.append(noop.requests)
                assert noop.bodies == 0 and noop.here.new == noop.here.updated == 0
                if index == runs - 1:
                    _change_both_sides(url, count)
                    started = measure.now()
                    changed = sync_account("bench", PASSWORD)
                    changes.append(measure.now() - started)
                    assert changed.there.updated == 50 and changed.here.updated == 50, (
                        changed.as_json()
                    )
            finally:
                close_session()
    finally:
        process.terminate()
        process.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(baselines)
    note = (
        f"{count} cards on a local Radicale; baseline: plain httpx PROPFIND Depth 1 + "
        f"addressbook-multiget of every card; median of {runs} runs (100 changes: one run), "
        f"{measure.clock_kind} clock"
    )
    return [
        measure.row(
            f"sync: first sync, {count} cards in", statistics.median(firsts), base, note=note
        ),  # fmt: skip
        measure.row(f"sync: no-op sync, {count} cards", statistics.median(noops), base),
        measure.row(
            "sync: no-op sync, requests",
            float(max(requests)),
            None,
            "≤ 2",
            unit="count",
            met=max(requests) <= 2,
        ),  # fmt: skip
        measure.row(f"sync: 50 changes each side, {count} cards", changes[0], base),
    ]


def main(argv: list[str] | None = None) -> int:
    return measure.standalone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
