"""Each task keeps its assigning unit's path, so "assigned inside a subtree" is one prefix filter."""

from django.db import migrations, models

FILL = (
    "UPDATE directives_task SET assigned_path = "
    "(SELECT u.path FROM orgunits_orgunit u WHERE u.id = directives_task.assigned_by_id)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0002_recognition_job"),
        ("orgunits", "0002_name_trigram_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="assigned_path",
            field=models.CharField(db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
    ]
