"""No network unless a sync is configured: import, search, ask, export and the desktop
app run with sockets disabled, and nothing tries to connect or to resolve a name.

Each step runs the real ``entregent`` in a process whose Python sockets are
replaced (a ``sitecustomize`` on PYTHONPATH): any connect, DNS lookup or
listening socket is written to a log and refused. The log must stay empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import CORPUS

GUARD = textwrap.dedent("""
    import os, socket

    _LOG = os.environ["ENTREGENT_SOCKET_LOG"]

    def _refuse(what, *args):
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what} {args!r}\\n")
        raise OSError(f"network disabled by the privacy test: {what}")

    class _NoNetworkSocket(socket.socket):
        def connect(self, address):
            _refuse("connect", self.family, address)

        def connect_ex(self, address):
            _refuse("connect_ex", self.family, address)

        def bind(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                _refuse("bind", self.family, address)
            return super().bind(address)

        def sendto(self, *args):
            _refuse("sendto", self.family, args[-1])

    socket.socket = _NoNetworkSocket
    socket.create_connection = lambda *a, **k: _refuse("create_connection", a)
    socket.getaddrinfo = lambda *a, **k: _refuse("getaddrinfo", a)
    socket.gethostbyname = lambda *a, **k: _refuse("gethostbyname", a)
    socket.gethostbyname_ex = lambda *a, **k: _refuse("gethostbyname_ex", a)
""")


@pytest.fixture
def offline(tmp_path):
    folder = tmp_path / "guard"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "sockets.log"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        ENTREGENT_SOCKET_LOG=str(log),
        PYTHONPATH=os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]),
    )
    env.pop("ENTREGENT_DB", None)

    def run(*args: str | Path, expect: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "entregent", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert result.returncode in expect, (args, result.stdout[-2000:], result.stderr[-3000:])
        return result

    run.log = log
    return run


def test_the_guard_does_refuse_and_record(offline, tmp_path):
    env = dict(
        os.environ, ENTREGENT_SOCKET_LOG=str(offline.log), PYTHONPATH=str(tmp_path / "guard")
    )
    code = (
        "import urllib.request\ntry:\n urllib.request.urlopen('http://example.org', "
        "timeout=2)\nexcept OSError:\n print('refused')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert "refused" in result.stdout
    assert "getaddrinfo" in offline.log.read_text() or "connect" in offline.log.read_text()


def test_everyday_work_opens_no_connection(offline, tmp_path):
    assert CORPUS.is_dir(), f"the shared corpus is missing: {CORPUS}"
    db = tmp_path / "entregent.sqlite3"
    cards = sorted((CORPUS / "vcard").rglob("*.vcf"))[:15]
    calendars = sorted((CORPUS / "ics").rglob("*.ics"))[:15]
    photo_url = tmp_path / "photo-url.vcf"
    photo_url.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hélène Dupont\r\n"
        "EMAIL:helene@example.fr\r\nPHOTO;VALUE=URI:https://example.org/h.jpg\r\n"
        "URL:https://example.org/\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    offline("--db", db, "import", photo_url, *cards, expect=(0, 2, 3))
    offline("--db", db, "import", "--create-contacts", *calendars, expect=(0, 2, 3))
    offline("--db", db, "search", "helene")
    offline("--db", db, "log", "Hélène Dupont", "--kind", "coffee", "--note", "at the club")
    offline("--db", db, "ask", "Hélène Dupont", "--for", "advice", "--yes")
    offline("--db", db, "followup", "Hélène Dupont", "--due", "2030-01-05", "--note", "call")
    offline("--db", db, "export", "contacts", tmp_path / "out.vcf")
    offline("--db", db, "export", "followups", tmp_path / "out.ics")
    offline("--db", db, "backup", tmp_path / "copy.sqlite3")
    offline("--db", db, "--screenshot", tmp_path / "home.png")
    assert (tmp_path / "home.png").stat().st_size > 0
    assert not offline.log.exists() or offline.log.read_text() == "", offline.log.read_text()
