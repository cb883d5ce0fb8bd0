"""The home page's evaluation figures: final ratings (individuals, collectives) and stages per cycle.

The triggers are put in again with the new contributions, then the new topics alone are counted
from the evaluations already there (the other figures are left as they are). Undone: the new
topics' rows go and the triggers are put back without them.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TOPICS = frozenset({"final", "final_collective", "stage"})


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from tochuc.figures import services, triggers

    connection = schema_editor.connection
    triggers.reinstall(connection)
    services.fill_topics(TOPICS, connection=connection)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from tochuc.figures import triggers

    connection = schema_editor.connection
    triggers.reinstall(connection, without=TOPICS)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM figures_figure WHERE topic IN ('final', 'final_collective', 'stage')")


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0002_triggers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="figure",
            name="topic",
            field=models.CharField(
                choices=[
                    ("year_gender", "Year Gender"),
                    ("ethnicity", "Ethnicity"),
                    ("theory", "Theory"),
                    ("qualification", "Qualification"),
                    ("membership", "Membership"),
                    ("rating", "Rating"),
                    ("score", "Score"),
                    ("collective", "Collective"),
                    ("task", "Task"),
                    ("final", "Final"),
                    ("final_collective", "Final Collective"),
                    ("stage", "Stage"),
                ],
                max_length=16,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
