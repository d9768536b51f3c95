"""Talking to a CardDAV/CalDAV server: the WebDAV client, discovery and item hashes.

Qt-free and database-free: ``webdav`` sends the requests (httpx; timeouts, TLS
verification on, redirects bounded) and maps every failure to a ``SyncError``
naming the account and item; ``davxml`` builds request bodies and reads the
multistatus answers with defusedxml; ``discovery`` finds a user's address books
and calendars from a server URL; ``hashing`` gives the normalised hash that
tells whether an item really changed. What to do with the items (the per-item
decisions, the local database) is ``services/sync``.

Imports: ``errors``, ``i18n`` and the standard library, httpx and defusedxml.
"""
