"""Who is due for a word: the "To reach out" list, from the keep-in-touch service."""

from __future__ import annotations

import importlib.util


def due_contact_ids() -> list[int]:
    """The ids of the people ``services.due.due_list`` names, most pressing first."""
    if importlib.util.find_spec("entregent.services.due") is None:
        return []
    from entregent.services import due

    ids: list[int] = []
    for entry in due.due_list():
        contact_id = getattr(entry, "contact_id", None)
        if contact_id is not None and contact_id not in ids:
            ids.append(contact_id)
    return ids
