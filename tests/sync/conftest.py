"""A real Radicale server for the sync tests.

One server per test session, on a free loopback port with its storage in a
temporary folder and a plain htpasswd file; each test takes a user of its own
(``dav_user``) so that tests never see each other's collections. The server is
stopped when the session ends.
"""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

# The desktop app's fixtures, for the Sync page's tests.
from tests.ui.conftest import isolated_qsettings, make_window  # noqa: F401

USERS = 200
_counter = itertools.count(1)


@dataclass
class Radicale:
    url: str
    folder: Path
    process: subprocess.Popen

    def password(self, user: str) -> str:
        return f"secret-{user}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    folder = tmp_path_factory.mktemp("radicale")
    htpasswd = folder / "users"
    htpasswd.write_text(
        "".join(f"user{n}:secret-user{n}\n" for n in range(1, USERS + 1)), encoding="utf-8"
    )
    port = _free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder / "storage"),
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(htpasswd),
            "--auth-htpasswd-encryption",
            "plain",
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"Radicale stopped at start: {(folder / 'server.log').read_text()[-2000:]}"
            )
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("Radicale did not answer within 30 s") from None
            time.sleep(0.1)
    yield Radicale(url, folder, process)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@dataclass
class DavUser:
    """A user of the test server with an address book and a calendar."""

    server: Radicale
    name: str
    password: str
    book: str  # path of the address book
    calendar: str  # path of the calendar

    @property
    def url(self) -> str:
        return self.server.url

    def phone(self) -> httpx.Client:
        """Plain httpx playing the user's phone: its own requests to the same server."""
        return httpx.Client(base_url=self.server.url, auth=(self.name, self.password), timeout=10)


@pytest.fixture
def dav_user(radicale) -> DavUser:
    from entregent.sync.webdav import DavClient

    number = next(_counter)
    assert number <= USERS, "add users to the test htpasswd file"
    name = f"user{number}"
    user = DavUser(
        radicale, name, radicale.password(name), f"/{name}/contacts/", f"/{name}/calendar/"
    )
    with DavClient(radicale.url, name, user.password) as client:
        client.make_collection(user.book, "card", "Contacts")
        client.make_collection(user.calendar, "cal", "Calendar")
    return user
