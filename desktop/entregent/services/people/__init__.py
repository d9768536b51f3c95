"""People: the list, one person's page and edits, search, resolving a name the
user typed, merging two people, contexts and organisations (groups).

May import: ``model``, ``network``, ``io`` (phone normalisation), ``storage``,
``settings``. Never ``relations``' internals beyond their public functions,
never ``demo``.
"""
