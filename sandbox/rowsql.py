"""The two statements of every turn, written as SQL instead of built by the ORM on each call.

A turn locks its sandbox's row (``SELECT ... FOR UPDATE``: the columns a turn needs, not the state)
and, when it changed something, writes the state back (``UPDATE``). cProfile of a ``kubectl get
pods`` turn put about a third of its CPU in Django building these two statements (the compiler's
``as_sql``, the model's ``save`` machinery) around the work the database does. Here they are the
same statements with the same parameters, prepared by the model's own fields (``get_db_prep_*``:
the state through its orjson encoder, the UUID and the timestamp as each backend stores them), and
the ORM stays the way for everything else. ``Sandbox.save`` counts a version on every save of
the state; ``save_state`` does the same in its UPDATE.

The terminal text (the ``screen`` column, turns.py) is appended by the database: ``substr(x, -n)``
in SQLite, ``right(x, n)`` in PostgreSQL, both counting characters as Python does.
"""
from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from sandbox.hot import HEAD
from sandbox.models import Sandbox

TABLE = Sandbox._meta.db_table
_FIELDS = {field.name: field for field in Sandbox._meta.concrete_fields}
# hot.HEAD but the id (known), in the model's order of fields, which Model.from_db expects.
_HEAD = tuple(f.attname for f in Sandbox._meta.concrete_fields if f.attname in HEAD and not f.primary_key)


def lock(sandbox_id: Any) -> Sandbox:
    """The row of ``sandbox_id``, locked until the transaction ends, with only ``hot.HEAD`` loaded
    (``row.state`` is read separately, when needed). Raises Sandbox.DoesNotExist."""
    pk = Sandbox._meta.pk.get_db_prep_value(sandbox_id, connection)
    lock_clause = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(_HEAD)} FROM {TABLE} WHERE id = %s{lock_clause}", [pk])
        found = cursor.fetchone()
    if found is None:
        raise Sandbox.DoesNotExist(f"no sandbox {sandbox_id}")
    return Sandbox.from_db(connection.alias, [Sandbox._meta.pk.attname, *_HEAD], [sandbox_id, *found])


def save_state(row: Sandbox, state: dict[str, Any], *, limit: int, append: str | None = None,
               screen: str | None = None) -> None:
    """Writes ``state`` (and ``updated``) to the locked ``row`` and counts the save in
    ``row.version``, as ``Sandbox.save`` does. The terminal text: ``append`` goes at the end of
    the ``screen`` column, ``screen`` replaces it; either way its last ``limit`` characters stay."""
    sets = ["state = %s", "updated = %s", "version = %s"]
    params: list[Any] = [_FIELDS["state"].get_db_prep_save(state, connection),
                         _FIELDS["updated"].get_db_prep_save(timezone.now(), connection), row.version + 1]
    if append is not None:
        if connection.vendor == "sqlite":
            sets.append("screen = substr(screen || %s, %s)")
            params += [append, -limit]
        else:
            sets.append("screen = right(screen || %s, %s)")
            params += [append, limit]
    elif screen is not None:
        sets.append("screen = %s")
        params.append(screen[-limit:])
    params.append(Sandbox._meta.pk.get_db_prep_value(row.pk, connection))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET {', '.join(sets)} WHERE id = %s", params)
    row.version += 1
