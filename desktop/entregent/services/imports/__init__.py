"""Taking files in: the dispatcher (``dispatch.import_file`` tells vCard from
iCalendar), the vCard and iCalendar imports, the snapshot of a contact an
import leaves, the report, and the history with undo.

May import: ``model``, ``io``, ``network``, ``people``, ``relations``,
``storage``, ``settings``; never ``exports`` or ``demo``.
"""
