"""A token-prefix index for name search: one row per word of a person's folded name.

The rows are kept by database triggers, so every way of writing people keeps
them in step inside the same transaction: ``save``, ``bulk_create``,
``bulk_update``, ``QuerySet.update``/``delete``, ``COPY`` (the Excel import) and a
unit moved in the tree (its ``path`` changes). On PostgreSQL the triggers work
per statement on transition tables (one set-based insert for a ``COPY`` of a
million people); on SQLite per row. Existing people are filled in here.

PostgreSQL's search index is ``(token varchar_pattern_ops, birth_year)``
including the name, sort key and unit path: a typed word, with or without a
birth year, and the scope of the acting user are checked in the index alone.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

COLUMNS = "person_id, token, name_folded, sort_key, birth_year, unit_path"

PG_TOKENS = """
    SELECT DISTINCT p.id, t.token, p.name_folded, p.sort_key,
           extract(year FROM p.birth_date)::smallint, u.path
    FROM {rows} p
    JOIN orgunits_orgunit u ON u.id = p.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(p.name_folded, ' ')) AS t(token)
    WHERE t.token <> ''
"""
CHANGED = "(o.name_folded, o.sort_key, o.birth_date, o.unit_id) IS DISTINCT FROM (n.name_folded, n.sort_key, n.birth_date, n.unit_id)"

PG_FORWARDS = [
    f"""
    CREATE FUNCTION people_person_tokens_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO people_persontoken ({COLUMNS}) {PG_TOKENS.format(rows="new_rows")};
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION people_person_tokens_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM people_persontoken t USING old_rows o WHERE t.person_id = o.id;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE FUNCTION people_person_tokens_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM people_persontoken t
        USING old_rows o JOIN new_rows n ON n.id = o.id
        WHERE t.person_id = o.id AND {CHANGED};
        INSERT INTO people_persontoken ({COLUMNS})
        {PG_TOKENS.format(rows="(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE " + CHANGED + ")")};
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION people_person_tokens_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- DELETE, not TRUNCATE: the same TRUNCATE statement may name both tables (Django's flush).
        DELETE FROM people_persontoken;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION people_unit_path_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE people_persontoken t SET unit_path = n.path
        FROM new_units n JOIN old_units o ON o.id = n.id JOIN people_person p ON p.unit_id = n.id
        WHERE n.path IS DISTINCT FROM o.path AND t.person_id = p.id;
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER people_person_tokens_insert AFTER INSERT ON people_person "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people_person_tokens_insert()",
    "CREATE TRIGGER people_person_tokens_delete AFTER DELETE ON people_person "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION people_person_tokens_delete()",
    "CREATE TRIGGER people_person_tokens_update AFTER UPDATE ON people_person "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION people_person_tokens_update()",
    "CREATE TRIGGER people_person_tokens_truncate AFTER TRUNCATE ON people_person "
    "FOR EACH STATEMENT EXECUTE FUNCTION people_person_tokens_truncate()",
    "CREATE TRIGGER people_unit_path_tokens AFTER UPDATE ON orgunits_orgunit "
    "REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units "
    "FOR EACH STATEMENT EXECUTE FUNCTION people_unit_path_tokens()",
    f"INSERT INTO people_persontoken ({COLUMNS}) {PG_TOKENS.format(rows='people_person')}",
    "CREATE INDEX persontoken_search ON people_persontoken (token varchar_pattern_ops, birth_year) "
    "INCLUDE (person_id, name_folded, sort_key, unit_path)",
]
PG_BACKWARDS = [
    "DROP TRIGGER IF EXISTS people_unit_path_tokens ON orgunits_orgunit",
    *(
        f"DROP TRIGGER IF EXISTS people_person_tokens_{event} ON people_person"
        for event in ("insert", "delete", "update", "truncate")
    ),
    "DROP FUNCTION IF EXISTS people_unit_path_tokens()",
    *(
        f"DROP FUNCTION IF EXISTS people_person_tokens_{event}()"
        for event in ("insert", "delete", "update", "truncate")
    ),
]

# SQLite has no string split and no common table expressions inside triggers:
# the folded name becomes a JSON array whose elements ``json_each`` returns.
SQLITE_WORDS = (
    "json_each('[\"' || replace(replace(replace({name}, '\\', '\\\\'), '\"', '\\\"'), ' ', '\",\"') || '\"]')"
)
SQLITE_TOKENS = f"""
    INSERT INTO people_persontoken ({COLUMNS})
    SELECT DISTINCT NEW.id, w.value, NEW.name_folded, NEW.sort_key, CAST(strftime('%Y', NEW.birth_date) AS INTEGER),
           (SELECT u.path FROM orgunits_orgunit u WHERE u.id = NEW.unit_id)
    FROM {SQLITE_WORDS.format(name="NEW.name_folded")} w
    WHERE w.value <> '';
"""
SQLITE_FORWARDS = [
    f"CREATE TRIGGER people_person_tokens_insert AFTER INSERT ON people_person BEGIN {SQLITE_TOKENS} END",
    "CREATE TRIGGER people_person_tokens_delete AFTER DELETE ON people_person BEGIN "
    "DELETE FROM people_persontoken WHERE person_id = OLD.id; END",
    "CREATE TRIGGER people_person_tokens_update AFTER UPDATE ON people_person "
    "WHEN OLD.id IS NOT NEW.id OR OLD.name_folded IS NOT NEW.name_folded OR OLD.sort_key IS NOT NEW.sort_key "
    "OR OLD.birth_date IS NOT NEW.birth_date OR OLD.unit_id IS NOT NEW.unit_id BEGIN "
    f"DELETE FROM people_persontoken WHERE person_id = OLD.id; {SQLITE_TOKENS} END",
    "CREATE TRIGGER people_unit_path_tokens AFTER UPDATE OF path ON orgunits_orgunit "
    "WHEN OLD.path IS NOT NEW.path BEGIN "
    "UPDATE people_persontoken SET unit_path = NEW.path "
    "WHERE person_id IN (SELECT p.id FROM people_person p WHERE p.unit_id = NEW.id); END",
    f"""
    INSERT INTO people_persontoken ({COLUMNS})
    SELECT DISTINCT p.id, w.value, p.name_folded, p.sort_key, CAST(strftime('%Y', p.birth_date) AS INTEGER), u.path
    FROM people_person p JOIN orgunits_orgunit u ON u.id = p.unit_id, {SQLITE_WORDS.format(name="p.name_folded")} w
    WHERE w.value <> ''
    """,
    "CREATE INDEX persontoken_search ON people_persontoken (token, birth_year)",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS people_unit_path_tokens",
    *(f"DROP TRIGGER IF EXISTS people_person_tokens_{event}" for event in ("insert", "delete", "update")),
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": PG_FORWARDS, "sqlite": SQLITE_FORWARDS}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": PG_BACKWARDS, "sqlite": SQLITE_BACKWARDS}.get(vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("orgunits", "0001_initial"),
        ("people", "0007_membership_event"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonToken",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "person", "token", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("token", models.CharField(max_length=150)),
                ("name_folded", models.CharField(max_length=150)),
                ("sort_key", models.CharField(max_length=255)),
                ("birth_year", models.SmallIntegerField()),
                ("unit_path", models.CharField(max_length=255)),
                (
                    "person",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
