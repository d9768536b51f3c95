"""Two-way sync of the address book with a CardDAV server.

Owns the sync accounts, their collections and the per-item sync state
(``sync_account``, ``sync_collection``, ``sync_item``), the password look-up
(keyring, a password file or ``ENTREGENT_SYNC_PASSWORD``; never the database)
and the per-item decisions of a run. Talks to servers through ``entregent.sync``;
brings remote cards in through ``services.imports`` (so a sync is an import in
the history, undone like one) and writes local people out with the vCard
writer of ``services.exports``, over the card the server last sent.

May import: ``entregent.sync``, ``io``, ``model``, the ``imports``, ``exports``,
``people``, ``storage`` and ``settings`` rooms.
"""
