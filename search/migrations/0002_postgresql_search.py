"""On PostgreSQL: pg_trgm (typos, and the index that makes "contains" fast) and a French text-search
configuration folding accents (unaccent + french_stem), for SQL and Wagtail's database backend.
Nothing to do on SQLite."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'caserurale_fr') THEN
            CREATE TEXT SEARCH CONFIGURATION caserurale_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION caserurale_fr
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS search_entry_terms_trgm ON search_searchentry USING gin (terms gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_term_word_trgm ON search_searchterm USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_term_word_trgm",
    "DROP INDEX IF EXISTS search_entry_terms_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS caserurale_fr",
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
    dependencies = [("search", "0001_search_index")]
    operations = [migrations.RunPython(forward, backward)]
