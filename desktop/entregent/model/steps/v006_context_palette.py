"""Schema 6: contexts take the distinct colours of the palette.

The colours the app itself had given (the built-ins' first colours and the grey
``#888888`` of contexts made by an import or ``tag``) collided: three greys, two
oranges, two greens. Each context still wearing one of those gets its palette
colour (built-ins their own, the others the next free hue, oldest first); a colour
the user chose is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from entregent.palette import BUILTIN_COLOURS, LEGACY_COLOURS, next_colour

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 6


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    rows = db.execute_sql(
        "SELECT id, name, builtin, lower(colour) FROM context ORDER BY builtin DESC, id"
    ).fetchall()
    legacy = set(LEGACY_COLOURS.values())
    kept = [colour for _id, _name, _builtin, colour in rows if colour not in legacy]
    for context_id, name, builtin, colour in rows:
        if colour not in legacy:
            continue
        if builtin and name in BUILTIN_COLOURS and colour == LEGACY_COLOURS[name]:
            new = BUILTIN_COLOURS[name]
        else:
            new = next_colour(kept)
        kept.append(new)
        db.execute_sql("UPDATE context SET colour = ? WHERE id = ?", (new, context_id))
