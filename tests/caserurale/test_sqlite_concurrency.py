"""The embedded default holds several writers at once: no "database is locked" for a resident.

Eight threads, each with its own connection to one SQLite file configured as `make run` is,
run transactions that read then write (what a second-factor check or a registration does).
With SQLite's default deferred transactions two such transactions deadlock and one fails at
once with "database is locked", whatever the timeout; with the project's options each waits
its turn and no update is lost.
"""

import threading

import pytest
from django.db import connections, transaction

from caserurale.settings.base import SQLITE_OPTIONS

THREADS = 8
TRANSACTIONS = 25


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Registers a database alias on a fresh SQLite file with the given options."""
    aliases = []

    def register(options):
        alias = f"concurrency_{len(aliases)}"
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / f"{alias}.sqlite3")}
        config["OPTIONS"] = dict(options)
        # configure_settings fills in the defaults; it insists on a "default" key.
        connections.settings[alias] = connections.configure_settings({"default": config})["default"]
        aliases.append(alias)
        return alias

    with django_db_blocker.unblock():
        yield register
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def run_writers(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter (id, value) VALUES (1, 0)")
    errors = []
    start = threading.Barrier(THREADS)

    def writer():
        start.wait()
        try:
            for _ in range(TRANSACTIONS):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT value FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except Exception as error:  # the failure is what the test reports
            errors.append(str(error))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=writer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        (value,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
    return errors, value, journal_mode


def test_eight_writers_at_once_all_succeed_with_the_projects_options(sqlite_file):
    errors, value, journal_mode = run_writers(sqlite_file(SQLITE_OPTIONS))

    assert errors == []
    assert value == THREADS * TRANSACTIONS
    assert journal_mode == "wal"


def test_without_them_the_same_writers_fail_with_database_is_locked(sqlite_file):
    # The control: SQLite's defaults fail this very workload, so the test above can fail.
    errors, _, journal_mode = run_writers(sqlite_file({"timeout": 1}))

    assert journal_mode == "delete"
    assert any("database is locked" in error for error in errors)
