"""Two PostgreSQL roles (docs/operations.md, Security): the owner, which runs migrate, restore and the
test database setup and owns every table, and the application's role (web processes and
db_worker, DATABASE_APP_ROLE), which owns nothing and gets only what the portal does with
rows. Not being the owner, it cannot TRUNCATE the system log, disable or drop its
append-only trigger, or alter any table; on the log it may only read and add rows.

The grants are given after every migrate (new tables included) and after a restore."""

from django.conf import settings

LOG_TABLES = ["wagtailcore_pagelogentry", "wagtailcore_modellogentry"]


def grant_statements(role):
    role = '"' + role.replace('"', '""') + '"'  # a PostgreSQL identifier, quoted
    logs = ", ".join(LOG_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        # What the owner creates later (a migration applied before these grants run again).
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
        # The log takes new rows only (its trigger refuses changes to everyone as well).
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {logs} FROM {role}",
    ]


def grant_application_role(sender, using="default", **kwargs):
    """post_migrate: give DATABASE_APP_ROLE its rights on the migrated PostgreSQL database."""
    from django.db import connections

    connection = connections[using]
    if not settings.DATABASE_APP_ROLE or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in grant_statements(settings.DATABASE_APP_ROLE):
            cursor.execute(statement)
