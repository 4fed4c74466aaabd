"""On PostgreSQL: a GIN index of the entries' words, for search.engine.WordsOverlap (a word of the
query among the entry's words). Nothing to do on SQLite."""

from django.db import migrations

INDEX = "search_entry_terms_words"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry USING gin ((string_to_array(btrim(terms), ' ')))"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_search")]

    operations = [migrations.RunPython(forward, backward)]
