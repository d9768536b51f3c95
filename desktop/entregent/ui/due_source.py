"""Who is due for a word: the "To reach out" list, from the keep-in-touch service."""

from __future__ import annotations


def due_contact_ids() -> list[int]:
    """The ids of the people ``services.due.due_list`` names, most pressing first."""
    from entregent.services.relations.due import due_list

    return list(dict.fromkeys(entry.contact_id for entry in due_list()))


def due_count() -> int:
    """How many people are due, each once (without building the reasons' texts)."""
    from entregent.services.relations.due import due_count as count

    return count()
