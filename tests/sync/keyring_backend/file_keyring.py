"""A keyring backend for the CLI tests: a JSON file in $HOME/keyring.json.

The real ``keyring`` package loads it (``PYTHON_KEYRING_BACKEND``), so the CLI
goes through its true keyring path; no test touches the machine's own keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def _file(self) -> Path:
        return Path(os.environ["HOME"]) / "keyring.json"

    def _all(self) -> dict:
        return json.loads(self._file.read_text()) if self._file.exists() else {}

    def get_password(self, service, username):
        return self._all().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._all()
        data[f"{service}/{username}"] = password
        self._file.write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._all()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._file.write_text(json.dumps(data))
