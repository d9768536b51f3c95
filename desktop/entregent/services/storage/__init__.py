"""The database file: which one, opening it for a session, backups, restore and
watching it for changes made by another process.

May import: ``model``, ``i18n``, ``errors``, ``paths``, ``services.settings``.
Imported by every other room (they need an open session) and the front ends.
"""
