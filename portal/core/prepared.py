"""A query PostgreSQL plans once per database connection (PREPARE ... EXECUTE), for the few
queries every uncached page of a kind sends, whose planning costs more than their running:
a legal document's one query (legal_docs/models/page_rows.py) took 1.6 ms of PostgreSQL's
CPU each time, 0.2 ms prepared (docs/benchmarks.md).

The statement lives as long as the connection (it survives a rollback); a new connection
prepares it again on first use. It needs PostgreSQL and client-side parameters (Django's
default; not behind a pooler in transaction mode, which moves sessions between clients)."""

import re
import weakref

from django.db import connection

# DB-API connection -> {statement name: its SQL}; gone with the connection.
_prepared = weakref.WeakKeyDictionary()


def numbered(sql):
    """Django's SQL (%s for each parameter, %% for a percent sign) as a statement to prepare
    ($1, $2... and %)."""
    count = iter(range(1, 10_000))
    return re.sub(r"%([%s])", lambda m: "%" if m[1] == "%" else f"${next(count)}", sql)


def raw(model, name, sql, params):
    """`model.objects.raw()` of `sql` (from `numbered`) with `params`, prepared as `name` on
    this connection the first time."""
    connection.ensure_connection()
    statements = _prepared.setdefault(connection.connection, {})
    if statements.get(name) != sql:
        with connection.cursor() as cursor:
            if name in statements:
                cursor.execute(f"DEALLOCATE {name}")
            cursor.execute(f"PREPARE {name} AS {sql}")
        statements[name] = sql
    placeholders = ", ".join(["%s"] * len(params))
    return model.objects.raw(f"EXECUTE {name}({placeholders})", params)
