"""Who is due for a word: the "To reach out" list, from the keep-in-touch service."""

from __future__ import annotations


def due_contact_ids(kinds=None) -> list[int]:
    """The ids of the people ``services.due.due_list`` names, most pressing first;
    with ``kinds`` ("overdue", "follow_up", …), only those due for these reasons
    (a Home card's own whole list, behind its "See all")."""
    from entregent.services.relations.due import due_list

    wanted = None if kinds is None else set(kinds)
    return list(
        dict.fromkeys(
            entry.contact_id for entry in due_list() if wanted is None or entry.kind in wanted
        )
    )


def due_count() -> int:
    """How many people are due, each once (without building the reasons' texts)."""
    from entregent.services.relations.due import due_count as count

    return count()
