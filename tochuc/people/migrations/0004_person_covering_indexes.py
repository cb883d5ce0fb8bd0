"""On PostgreSQL, covering indexes let the people list and search read the index alone.

- ``person_sort_cover``: the ids of a page in Vietnamese name order, with the
  name and unit filters checked inside the index (an index-only scan), instead
  of visiting one table row per skipped person.
- ``person_unit_cover``: the count of a subtree's people filtered by gender,
  theory level, ethnicity or age, from the index alone.

Both need the visibility map to be current (``VACUUM``), which autovacuum keeps
up, and ``seed_people`` refreshes after a bulk load.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEXES = {
    "person_sort_cover": "(sort_key, id) INCLUDE (name_folded, unit_id, birth_date)",
    "person_unit_cover": "(unit_id) INCLUDE (gender, political_theory_level, ethnicity, birth_date)",
}


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_person {columns}")


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_import_job")]
    operations = [migrations.RunPython(forwards, backwards)]
