"""Where a sync password comes from: never the database or a settings file.

In order: ``--password-file FILE`` (its first line), the
``ENTREGENT_SYNC_PASSWORD`` environment variable (for scripts and tests), the
system keyring (Secret Service, macOS Keychain, Windows Credential Locker)
through ``keyring``, and last the caller's ``ask`` (a prompt, a dialog): with
no keyring backend the password is asked each time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import UserError
from entregent.i18n import _

SERVICE = "entregent-sync"
ENVIRONMENT = "ENTREGENT_SYNC_PASSWORD"


def _key(url: str, user: str) -> str:
    return f"{user}@{url}"


def _keyring():
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None, Exception
    return keyring, KeyringError


def keyring_password(url: str, user: str) -> str | None:
    keyring, error = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, _key(url, user))
    except (error, RuntimeError):
        return None


def remember_password(url: str, user: str, password: str) -> bool:
    """Keep the password in the system keyring; False when there is none."""
    keyring, error = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, _key(url, user), password)
    except (error, RuntimeError):
        return False
    return True


def forget_password(url: str, user: str) -> None:
    keyring, error = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(SERVICE, _key(url, user))
    except (error, RuntimeError):
        pass


def read_password_file(path: str | os.PathLike) -> str:
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(
            _("cannot read the password file ({error}).").format(error=os_reason(exc)), path=path
        ) from exc
    line = text.splitlines()[0] if text else ""
    if not line:
        raise UserError(_("the password file's first line is empty."), path=path)
    return line


def password_for(
    url: str,
    user: str,
    *,
    password_file: str | os.PathLike | None = None,
    ask: Callable[[], str | None] | None = None,
) -> str:
    if password_file:
        return read_password_file(password_file)
    if os.environ.get(ENVIRONMENT):
        return os.environ[ENVIRONMENT]
    stored = keyring_password(url, user)
    if stored:
        return stored
    if ask is not None:
        answer = ask()
        if answer:
            return answer
    raise UserError(
        _(
            "no password for {user} at {url}: give --password-file FILE or set "
            "ENTREGENT_SYNC_PASSWORD (no password is stored in the system keyring)."
        ).format(user=user, url=url)
    )
