"""SQLite (the `make run` default): fold diacritics in the full-text table. Wagtail creates
it with FTS5's default tokenizer, which leaves letters with two marks (ậ, ộ, ị…) alone,
so "luat ho tich" missed "Luật Hộ tịch". `remove_diacritics 2` folds them all; đ is a
letter of its own to SQLite and stays (PostgreSQL and the engine fold it). Nothing on other
databases."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"
RECREATE = [
    f"DROP TABLE IF EXISTS {TABLE}",
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title,"
    " tokenize = 'unicode61 remove_diacritics 2')",
    f"INSERT INTO {TABLE} (rowid, title, body, autocomplete)"
    " SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry",
]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() is None:
            return  # no FTS5 in this SQLite: Wagtail searches without it
        for statement in RECREATE:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_unanswered_query"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
