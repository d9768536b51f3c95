"""What happens between the user and people: interactions, asks, follow-ups,
who is due, ties, reciprocity and insights — the services side of
``entregent.network`` (whose rules they apply to stored rows).

May import: ``model``, ``network``, ``people``, ``storage``, ``settings``;
never ``imports``, ``exports`` or ``demo``.
"""
