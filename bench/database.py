"""Helpers for the benchmark's database."""


def analyze():
    """Refresh PostgreSQL's statistics after bulk inserts, as autovacuum would on a live site."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
