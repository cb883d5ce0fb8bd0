"""A name-search index keyed by branch (a province, a central agency): a search of one province reads
only that province's tokens of a word, in name order, instead of the country's.

``(branch, token, sort_key, person_id)`` including the rest of the row, the branch being the first two
segments of the unit path (18 characters: ``tochuc.people.search.BRANCH_LENGTH``). The tokens starting
with a typed word form a range of one branch (the token in byte order, collation "C"), and each
distinct token's people come in name order, so a page is filled by walking the first few of them.
``people_search_rebuild`` drops and builds it again around a bulk load.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

PG_FORWARDS = [
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX persontoken_branch ON people_persontoken "
    '(substr(unit_path, 1, 18), token COLLATE "C", sort_key, person_id) '
    "INCLUDE (name_folded, birth_year, unit_path)",
    "ANALYZE people_persontoken",
]
SQLITE_FORWARDS = [
    "CREATE INDEX persontoken_branch ON people_persontoken (substr(unit_path, 1, 18), token, sort_key, person_id)",
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": PG_FORWARDS, "sqlite": SQLITE_FORWARDS}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        schema_editor.execute("DROP INDEX IF EXISTS persontoken_branch", params=None)


class Migration(migrations.Migration):
    dependencies = [("people", "0008_person_token")]

    operations = [migrations.RunPython(forwards, backwards)]
