"""The SQL that keeps the figures: what each raw row contributes, as triggers and as a rebuild.

A *contribution* says what one row of a raw table adds to the figures of its unit: a topic, an
item, a value (1 for a count) under a condition. The same contributions are used three ways:

* PostgreSQL: one trigger per table and event, **per statement** with transition tables, so a
  ``bulk_create``, a ``queryset.update()`` or a ``COPY`` makes one grouped upsert, not one per row;
* SQLite: one trigger per table and event, per row (``NEW`` / ``OLD``);
* the rebuild: the contributions of whole tables, grouped per unit.

Either way the counts per unit are spread to the unit and every ancestor — the ancestors' ids are
the segments of the unit's path, listed by joining ``figures_pathlevel`` — and added with
``INSERT … ON CONFLICT DO UPDATE``, rows in one order (unit, topic…) so two writers never wait on
each other in a cycle. An update counts −old +new; what cancels out is not written at all.

A unit that changes parent takes its subtree's figures along: the unit's own rows (which count its
whole subtree) are taken off its old parent's chain and added to the new one's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from tochuc.orgunits.models import PATH_STEP, OrgUnit

FIGURE_TABLE = "figures_figure"
LEVEL_TABLE = "figures_pathlevel"
PAUSE_SETTING = "tochuc.figures_paused"
UPSERT = "ON CONFLICT (unit_id, topic, cycle_pk, item) DO UPDATE SET n = figures_figure.n + excluded.n"


@dataclass(frozen=True)
class Contribution:
    topic: str
    item: str  # SQL over the row ``{r}``
    cond: str = "TRUE"
    value: str = "1"


@dataclass(frozen=True)
class Source:
    table: str
    unit: str  # the unit the row counts for, SQL over ``{r}``
    contributions: tuple[Contribution, ...]
    watched: tuple[str, ...]  # columns whose change may change the figures (SQLite's WHEN)
    cycle: str = "0"
    # For the rebuild: FROM clause naming the row ``r``; None when another source counts these rows.
    rebuild_from: str | None = None
    rebuild_join: str = ""  # joined in the rebuild only for the contributions that use a lookup
    # Placeholders replaced in triggers (first) and in the rebuild (second).
    lookups: dict[str, tuple[str, str]] = field(default_factory=dict)


def _vendor_sql(vendor: str) -> dict[str, str]:
    if vendor == "postgresql":
        return {
            "year": "CAST(CAST(EXTRACT(YEAR FROM {r}.birth_date) AS integer) AS text)",
            "score10": "CAST(ROUND(COALESCE({r}.final_score, {r}.proposed_score) * 10) AS bigint)",
            "deadline": "COALESCE(CAST({r}.deadline AS text), '')",
            "int": "bigint",
        }
    return {
        "year": "strftime('%Y', {r}.birth_date)",
        "score10": "CAST(ROUND(COALESCE({r}.final_score, {r}.proposed_score) * 10) AS INTEGER)",
        "deadline": "COALESCE({r}.deadline, '')",
        "int": "INTEGER",
    }


def sources(vendor: str, without: frozenset[str] = frozenset()) -> list[Source]:
    """What each raw table contributes; ``without`` leaves topics out (a migration undoing its topics)."""
    found = []
    for source in _all_sources(vendor):
        kept = tuple(c for c in source.contributions if c.topic not in without)
        found.append(replace(source, contributions=kept))
    return found


def _all_sources(vendor: str) -> list[Source]:
    v = _vendor_sql(vendor)
    rating = (
        "CASE WHEN {r}.stage = 'not_reviewed' THEN 'not_reviewed' WHEN {r}.final_rating <> '' "
        "THEN {r}.final_rating WHEN {r}.proposed_rating <> '' THEN {r}.proposed_rating ELSE 'unrated' END"
    )
    scored = (
        "{r}.person_id IS NOT NULL AND {r}.stage <> 'not_reviewed' "
        "AND COALESCE({r}.final_score, {r}.proposed_score) IS NOT NULL"
    )
    decided = "{r}.stage <> 'not_reviewed'"
    task = (
        "CASE WHEN {r}.completed_on IS NOT NULL AND ({r}.deadline IS NULL OR {r}.completed_on <= {r}.deadline) "
        "THEN 'done_on_time' WHEN {r}.completed_on IS NOT NULL THEN 'done_late' "
        f"ELSE 'open:' || {v['deadline']} END"
    )
    return [
        Source(
            table="people_person",
            unit="{r}.unit_id",
            contributions=(
                Contribution("year_gender", f"{v['year']} || ':' || {{r}}.gender"),
                Contribution("ethnicity", "{r}.ethnicity"),
                Contribution("theory", "{r}.political_theory_level"),
                Contribution("qualification", "{r}.professional_qualification"),
                Contribution("membership", "COALESCE({status}, '-')"),
            ),
            watched=(
                "unit_id",
                "birth_date",
                "gender",
                "ethnicity",
                "political_theory_level",
                "professional_qualification",
            ),
            rebuild_from="people_person r",
            rebuild_join="LEFT JOIN people_membership mm ON mm.person_id = r.id",
            lookups={
                "{status}": (
                    "(SELECT m.status FROM people_membership m WHERE m.person_id = {r}.id)",
                    "mm.status",
                )
            },
        ),
        Source(
            table="people_membership",
            unit="(SELECT p.unit_id FROM people_person p WHERE p.id = {r}.person_id)",
            contributions=(
                Contribution("membership", "{r}.status"),
                Contribution("membership", "'-'", value="-1"),
            ),
            watched=("status", "person_id"),
        ),
        Source(
            table="evaluations_evaluation",
            unit="{r}.unit_id",
            cycle="{r}.cycle_id",
            contributions=(
                Contribution("rating", rating, cond="{r}.person_id IS NOT NULL"),
                Contribution("collective", rating, cond="{r}.person_id IS NULL"),
                Contribution("score", "'n'", cond=scored),
                Contribution("score", "'sum'", cond=scored, value=v["score10"]),
                Contribution("score", "'sq'", cond=scored, value=f"{v['score10']} * {v['score10']}"),
                Contribution(
                    "final", "{r}.final_rating", cond=f"{decided} AND {{r}}.subject_kind <> 'collective'"
                ),
                Contribution(
                    "final_collective",
                    "{r}.final_rating",
                    cond=f"{decided} AND {{r}}.subject_kind = 'collective'",
                ),
                Contribution("stage", "{r}.stage"),
            ),
            watched=(
                "unit_id",
                "cycle_id",
                "person_id",
                "stage",
                "final_rating",
                "proposed_rating",
                "final_score",
                "proposed_score",
                "subject_kind",
            ),
            rebuild_from="evaluations_evaluation r",
        ),
        Source(
            table="directives_task",
            unit="{r}.lead_unit_id",
            contributions=(Contribution("task", task, cond="{r}.lead_unit_id IS NOT NULL"),),
            watched=("lead_unit_id", "completed_on", "deadline"),
            rebuild_from="directives_task r",
        ),
    ]


def _fill(sql: str, source: Source, alias: str, rebuild: bool) -> str:
    for name, (in_trigger, in_rebuild) in source.lookups.items():
        sql = sql.replace(name, in_rebuild if rebuild else in_trigger)
    return sql.replace("{r}", alias)


def contributions_sql(source: Source, alias: str, from_sql: str, sign: int, rebuild: bool = False) -> str:
    """UNION ALL of what the rows ``alias`` (read ``from_sql``) add, times ``sign``."""
    parts = []
    for c in source.contributions:
        value = c.value if sign == 1 else f"-({c.value})"
        uses_lookup = any(name in c.item for name in source.lookups)
        joined = f"{from_sql} {source.rebuild_join}" if rebuild and uses_lookup else from_sql
        select = (
            f"SELECT {source.unit} AS unit_id, {source.cycle} AS cycle_pk, '{c.topic}' AS topic, "
            f"{c.item} AS item, {value} AS n {joined} WHERE {c.cond}"
        )
        parts.append(_fill(select, source, alias, rebuild))
    return " UNION ALL ".join(parts)


def rolled_sql(vendor: str, own_sql: str) -> str:
    """``own_sql`` (unit_id, cycle_pk, topic, item, n) summed for the unit and each of its ancestors."""
    cast = _vendor_sql(vendor)["int"]
    unit_table = OrgUnit._meta.db_table
    return (
        f"SELECT CAST(substr(u.path, {PATH_STEP} * l.depth + 1, {PATH_STEP - 1}) AS {cast}) AS unit_id, "
        "c.cycle_pk, c.topic, c.item, SUM(c.n) AS n "
        "FROM (SELECT unit_id, cycle_pk, topic, COALESCE(item, '') AS item, SUM(n) AS n "
        f"FROM ({own_sql}) own WHERE unit_id IS NOT NULL GROUP BY unit_id, cycle_pk, topic, COALESCE(item, '')) c "
        f"JOIN {unit_table} u ON u.id = c.unit_id "
        f"JOIN {LEVEL_TABLE} l ON l.depth < length(u.path) / {PATH_STEP} "
        "WHERE u.path NOT LIKE 'new:%' "
        "GROUP BY 1, 2, 3, 4 HAVING SUM(c.n) <> 0"
    )


def spread_sql(vendor: str, own_sql: str) -> str:
    """Upsert ``own_sql`` (unit_id, cycle_pk, topic, item, n) into the unit and all its ancestors."""
    return (
        f"INSERT INTO {FIGURE_TABLE} (unit_id, cycle_pk, topic, item, n) "
        f"{rolled_sql(vendor, own_sql)} ORDER BY 1, 3, 2, 4 {UPSERT}"
    )


def move_sql(vendor: str, moved_sql: str) -> str:
    """Take the subtree figures of the moved units off their old parent's chain, onto the new one's.

    ``moved_sql`` gives (unit, parent, sign): −1 with the old parent, +1 with the new one.
    """
    cast = _vendor_sql(vendor)["int"]
    unit_table = OrgUnit._meta.db_table
    return (
        f"INSERT INTO {FIGURE_TABLE} (unit_id, cycle_pk, topic, item, n) "
        f"SELECT CAST(substr(p.path, {PATH_STEP} * l.depth + 1, {PATH_STEP - 1}) AS {cast}), "
        "f.cycle_pk, f.topic, f.item, SUM(mv.sign * f.n) "
        f"FROM ({moved_sql}) mv JOIN {unit_table} p ON p.id = mv.parent "
        f"JOIN {LEVEL_TABLE} l ON l.depth < length(p.path) / {PATH_STEP} "
        f"JOIN {FIGURE_TABLE} f ON f.unit_id = mv.unit AND f.n <> 0 "
        "WHERE p.path NOT LIKE 'new:%' "
        "GROUP BY 1, 2, 3, 4 HAVING SUM(mv.sign * f.n) <> 0 ORDER BY 1, 3, 2, 4 "
        f"{UPSERT}"
    )


# --- PostgreSQL ------------------------------------------------------------------------------------

_PG_EVENTS = {
    "ins": ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
    "del": ("DELETE", "REFERENCING OLD TABLE AS old_rows"),
    "upd": ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
}


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
        f"IF current_setting('{PAUSE_SETTING}', true) = 'on' THEN RETURN NULL; END IF; "
        f"{body}; RETURN NULL; END $fn$"
    )


def _pg_trigger(table: str, event: str, function: str) -> list[str]:
    verb, referencing = _PG_EVENTS[event]
    name = f"figures_{event}"
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} AFTER {verb} ON {table} {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def postgresql_install(without: frozenset[str] = frozenset()) -> list[str]:
    statements: list[str] = []
    for source in sources("postgresql", without):
        new = contributions_sql(source, "r", "FROM new_rows r", 1)
        old = contributions_sql(source, "r", "FROM old_rows r", -1)
        for event, own in (("ins", new), ("del", old), ("upd", f"{old} UNION ALL {new}")):
            function = f"figures_{source.table}_{event}"
            statements.append(_pg_function(function, spread_sql("postgresql", own)))
            statements += _pg_trigger(source.table, event, function)
    moved = (
        "SELECT o.id AS unit, o.parent_id AS parent, -1 AS sign FROM old_rows o JOIN new_rows w ON w.id = o.id "
        "WHERE o.parent_id IS DISTINCT FROM w.parent_id "
        "UNION ALL SELECT w.id, w.parent_id, 1 FROM old_rows o JOIN new_rows w ON w.id = o.id "
        "WHERE o.parent_id IS DISTINCT FROM w.parent_id"
    )
    function = "figures_orgunit_move"
    statements.append(_pg_function(function, move_sql("postgresql", moved)))
    statements += _pg_trigger(OrgUnit._meta.db_table, "upd", function)
    return statements


def postgresql_uninstall() -> list[str]:
    statements = []
    for source in sources("postgresql"):
        for event in _PG_EVENTS:
            statements.append(f"DROP TRIGGER IF EXISTS figures_{event} ON {source.table}")
            statements.append(f"DROP FUNCTION IF EXISTS figures_{source.table}_{event}()")
    statements.append(f"DROP TRIGGER IF EXISTS figures_upd ON {OrgUnit._meta.db_table}")
    statements.append("DROP FUNCTION IF EXISTS figures_orgunit_move()")
    return statements


# --- SQLite ----------------------------------------------------------------------------------------


def _sqlite_names() -> list[tuple[str, str]]:
    names = [(s.table, f"figures_{s.table}_{e}") for s in sources("sqlite") for e in ("ins", "del", "upd")]
    return [*names, (OrgUnit._meta.db_table, "figures_orgunit_move")]


def sqlite_install(without: frozenset[str] = frozenset()) -> list[str]:
    statements: list[str] = []
    for source in sources("sqlite", without):
        new = contributions_sql(source, "NEW", "", 1)
        old = contributions_sql(source, "OLD", "", -1)
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in source.watched)
        for event, verb, when, own in (
            ("ins", "INSERT", "", new),
            ("del", "DELETE", "", old),
            ("upd", "UPDATE", f" WHEN {changed}", f"{old} UNION ALL {new}"),
        ):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS figures_{source.table}_{event} AFTER {verb} ON {source.table} "
                f"FOR EACH ROW{when} BEGIN {spread_sql('sqlite', own)}; END"
            )
    moved = (
        "SELECT NEW.id AS unit, OLD.parent_id AS parent, -1 AS sign UNION ALL SELECT NEW.id, NEW.parent_id, 1"
    )
    statements.append(
        f"CREATE TRIGGER IF NOT EXISTS figures_orgunit_move AFTER UPDATE OF parent_id ON {OrgUnit._meta.db_table} "
        f"FOR EACH ROW WHEN OLD.parent_id IS NOT NEW.parent_id BEGIN {move_sql('sqlite', moved)}; END"
    )
    return statements


def sqlite_uninstall() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for _table, name in _sqlite_names()]


# --- Installing ------------------------------------------------------------------------------------


def install(connection: BaseDatabaseWrapper, without: frozenset[str] = frozenset()) -> None:
    """Create the triggers (``without`` some topics: what a migration that added them leaves when undone)."""
    vendor = connection.vendor
    statements = postgresql_install(without) if vendor == "postgresql" else sqlite_install(without)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    statements = postgresql_uninstall() if connection.vendor == "postgresql" else sqlite_uninstall()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def reinstall(connection: BaseDatabaseWrapper, without: frozenset[str] = frozenset()) -> None:
    """Replace the triggers by the ones of ``sources()`` (SQLite cannot replace a trigger in place)."""
    uninstall(connection)
    install(connection, without)


def fill_levels(connection: BaseDatabaseWrapper) -> None:
    """One row per possible level: a path of 255 characters holds at most 28 segments."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {LEVEL_TABLE}")
        for depth in range(255 // PATH_STEP + 1):
            cursor.execute(f"INSERT INTO {LEVEL_TABLE} (depth) VALUES (%s)", [depth])


def ensure_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """After ``migrate`` — and after ``flush``, which ends with the same signal — put back what the
    triggers need: the levels table (a flush empties it) and, on SQLite, the triggers a rebuilt table
    lost (PostgreSQL keeps them)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    if FIGURE_TABLE not in tables or LEVEL_TABLE not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {LEVEL_TABLE}")
        if cursor.fetchone()[0] != 255 // PATH_STEP + 1:
            fill_levels(connection)
    if connection.vendor != "sqlite" or not all(s.table in tables for s in sources("sqlite")):
        return
    from django.db.migrations.recorder import MigrationRecorder

    if ("figures", "0002_triggers") in MigrationRecorder(connection).applied_migrations():
        install(connection)
    # ``flush`` empties the tables one by one, and SQLite's row triggers then count the deleted rows
    # off figures that may already be gone: with every counted table empty, every figure is zero.
    with connection.cursor() as cursor:
        empty = True
        for table in {s.table for s in sources("sqlite")}:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            empty = empty and cursor.fetchone() is None
        if empty:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(FIGURE_TABLE)}")
