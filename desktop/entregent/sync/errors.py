"""The ways talking to a server fails, each one clear sentence for the user.

Every error names the account (when known) and the address it is about. They
are ``UserError``s: the CLI prints them and exits 2, the GUI shows them; a
failure never changes anything locally (the caller's transaction rolls back).
"""

from __future__ import annotations

from entregent.errors import UserError
from entregent.i18n import _


class SyncError(UserError):
    """Talking to the server failed; nothing was changed locally."""

    def __init__(self, message: str, *, url: str = "", account: str = "", status: int = 0):
        super().__init__(message)
        self.url = url
        self.account = account
        self.status = status

    def __str__(self) -> str:
        where = f"{self.account}: " if self.account else ""
        item = f" ({self.url})" if self.url else ""
        return f"{where}{self.message}{item}"


class Unreachable(SyncError):
    pass


class TimedOut(SyncError):
    pass


class Unauthorized(SyncError):  # 401
    pass


class Forbidden(SyncError):  # 403
    pass


class Missing(SyncError):  # 404 / 410
    pass


class PreconditionFailed(SyncError):  # 412: someone else changed the item
    pass


class InsufficientStorage(SyncError):  # 507
    pass


class Malformed(SyncError):  # XML we cannot read
    pass


class Rejected(SyncError):  # the server refused an item (400, 409, 413, 415 …)
    pass


class ServerFailed(SyncError):  # 5xx
    pass


def error_for_status(status: int, url: str, method: str, reason: str = "") -> SyncError:
    """The error a status code means, for one request."""
    if status == 401:
        return Unauthorized(
            _("the server refused the user name or password (401)."), url=url, status=status
        )
    if status == 403:
        return Forbidden(
            _("the server forbids this (403): the account may not access it."),
            url=url,
            status=status,
        )
    if status in (404, 410):
        return Missing(
            _("the server has no such item or collection ({status}).").format(status=status),
            url=url,
            status=status,
        )
    if status == 412:
        return PreconditionFailed(
            _("the item was changed on the server meanwhile (412)."), url=url, status=status
        )
    if status == 507:
        return InsufficientStorage(
            _("the server has no room left for this account (507)."), url=url, status=status
        )
    if 500 <= status < 600:
        return ServerFailed(
            _("the server failed ({status} {reason}).").format(status=status, reason=reason),
            url=url,
            status=status,
        )
    if method in ("PUT", "DELETE", "MKCOL"):
        return Rejected(
            _("the server rejected the item ({status} {reason}).").format(
                status=status, reason=reason
            ),
            url=url,
            status=status,
        )
    return SyncError(
        _("unexpected answer from the server ({status} {reason}).").format(
            status=status, reason=reason
        ),
        url=url,
        status=status,
    )
