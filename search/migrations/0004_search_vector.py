"""On PostgreSQL: the entries' terms as a stored tsvector ('simple': the terms are already folded and
stemmed by search/text.py) with a GIN index, so one index scan finds the entries matching every
word, phrase (<->) and prefix (:*) of a query. It replaces the two indexes of 0002 and 0003 on the
entries (trigrams on the whole text, an array of its words), which each answered one shape of
condition, rechecked long rows, and were costly to keep up to date. Nothing to do on SQLite."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS search_vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (search_vector)",
    "DROP INDEX IF EXISTS search_entry_terms_words",
    "DROP INDEX IF EXISTS search_entry_terms_trgm",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_terms_trgm ON search_searchentry USING gin (terms gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_terms_words ON search_searchentry"
    " USING gin ((string_to_array(btrim(terms), ' ')))",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_terms_words_index")]

    operations = [migrations.RunPython(forward, backward)]
