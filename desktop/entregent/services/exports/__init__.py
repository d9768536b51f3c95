"""Sending data out: contacts as vCard, follow-ups as iCalendar, and the
follow-ups file rewritten on change (auto-export).

May import: ``model``, ``io``, ``people``, ``relations``, ``storage``,
``settings``; never ``imports`` or ``demo``.
"""
