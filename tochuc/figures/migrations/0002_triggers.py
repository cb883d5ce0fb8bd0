"""The triggers that keep the figures (PostgreSQL per statement, SQLite per row), then a first rebuild."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from tochuc.figures import services, triggers

    connection = schema_editor.connection
    triggers.fill_levels(connection)
    triggers.install(connection)
    services.rebuild_all(connection=connection, progress=None)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from tochuc.figures import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0001_initial"),
        ("orgunits", "0002_name_trigram_index"),
        ("people", "0007_membership_event"),
        ("evaluations", "0001_initial"),
        ("directives", "0002_recognition_job"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
