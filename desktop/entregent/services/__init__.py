"""Use cases as functions: the one API that both the CLI and the GUI call.

Grouped by feature, one subpackage a room (each says what it owns and what it
may import): ``storage`` (session, backup, restore, watching the file),
``settings`` (every setting), ``people``, ``relations`` (the services side of
``entregent.network``), ``imports``, ``exports`` and ``demo``. Callers import
the module they use (``from entregent.services.people import search``); this
package imports nothing, so that importing one service never loads the others.
Services own transactions and validation; they raise
``entregent.errors.UserError`` for what the user should read. No Qt here.
"""
