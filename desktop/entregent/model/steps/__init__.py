"""Numbered schema steps. ``vNNN_*.py`` takes schema NNN-1 to NNN.

Each module defines ``VERSION`` and ``apply(db, migrator)``; the chain in
``model/migrations.py`` runs them in order, each in one transaction with its
``PRAGMA user_version`` bump. A new database is built by running every step
from 1, so a fresh database and an upgraded one are the same by construction.
Never edit a step that has shipped: add the next one.
"""
