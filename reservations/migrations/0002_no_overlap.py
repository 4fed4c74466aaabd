"""No two active bookings of a resource overlap: on PostgreSQL, the database refuses it.

An exclusion constraint over (resource WITH =, [starts_at, blocks_until) WITH &&) needs btree_gist
for the equality on an integer inside a GiST index. SQLite has no such constraint: there
reservations.workflow checks the rule in a transaction that holds the write lock. Both operations do
nothing on SQLite, so the same migrations run on both.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "booking_no_overlap"

ADD = f"""
ALTER TABLE reservations_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist (
    resource_id WITH =,
    tstzrange(starts_at, blocks_until, '[)') WITH &&
) WHERE (status = 'approved' OR (status = 'pending' AND holds_slot))
"""
DROP = f"ALTER TABLE reservations_booking DROP CONSTRAINT {CONSTRAINT}"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("reservations", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # CreateExtension does nothing on other databases
        migrations.RunPython(on_postgresql(ADD), on_postgresql(DROP)),
    ]
