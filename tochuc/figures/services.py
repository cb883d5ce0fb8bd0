"""Rebuilding and checking the kept figures, and pausing their triggers for a bulk load.

``rebuild_all()`` recomputes every figure from the raw tables in a few set-based statements
(grouped per unit, then spread to the ancestors by the segments of each path), never unit by unit.
``check()`` computes the same into a temporary table and returns the first difference.
``paused()`` lets a bulk load write without the triggers and rebuilds once at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from tochuc.figures import triggers
from tochuc.figures.triggers import FIGURE_TABLE, PAUSE_SETTING, contributions_sql, rolled_sql, sources
from tochuc.orgunits.models import OrgUnit

Progress = Callable[[int, int, str], None] | None
RAW_TABLE = "figures_raw"
# The key every trigger upserts on (Figure.Meta.constraints), dropped and built again by a rebuild.
UNIQUE_NAME = "figure_unique"
UNIQUE_COLUMNS = ("unit_id", "topic", "cycle_pk", "item")


@dataclass(frozen=True)
class Mismatch:
    unit_code: str
    topic: str
    cycle_pk: int
    item: str
    kept: int
    raw: int


def _raw_sqls(vendor: str) -> list[tuple[str, str]]:
    """(table, SELECT of the rolled-up figures) for each raw table counted in the rebuild."""
    found = []
    seen: set[str] = set()
    for source in sources(vendor):
        if source.rebuild_from is None:
            continue
        topics = {c.topic for c in source.contributions}
        # A rebuild fills each table's figures without upserting (see ``rebuild_all``): a topic counted
        # from two raw tables would need the two sums added together.
        if topics & seen:
            raise ValueError(f"topics counted from more than one table: {sorted(topics & seen)}")
        seen |= topics
        own = contributions_sql(source, "r", f"FROM {source.rebuild_from}", 1, rebuild=True)
        found.append((source.table, rolled_sql(vendor, own)))
    return found


def _lock(connection: BaseDatabaseWrapper) -> None:
    """On PostgreSQL, hold writers of the raw tables off while figures are read or rebuilt."""
    if connection.vendor != "postgresql":
        return
    tables = [s.table for s in sources("postgresql")] + [OrgUnit._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE MODE")
        # The groupings hash in memory instead of sorting on disk.
        cursor.execute("SET LOCAL work_mem = '256MB'")


def rebuild_all(*, connection: BaseDatabaseWrapper | None = None, progress: Progress = None) -> int:
    """Recompute every kept figure from the raw tables; returns the number of rows kept."""
    connection = connection or default_connection
    steps = _raw_sqls(connection.vendor)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        _lock(connection)
        postgres = connection.vendor == "postgresql"
        if postgres:
            # Each statement's rows are grouped by the unique key and no two raw tables share a topic
            # (``_raw_sqls`` checks), so the emptied table is filled without the key's index, built once
            # at the end (tens of millions of rows nationally: a sorted build, not a probe per row).
            cursor.execute(f"TRUNCATE {FIGURE_TABLE}")
            cursor.execute(f"ALTER TABLE {FIGURE_TABLE} DROP CONSTRAINT {UNIQUE_NAME}")
        else:
            cursor.execute(f"DELETE FROM {FIGURE_TABLE}")
        for done, (table, sql) in enumerate(steps):
            if progress:
                progress(done, len(steps), table)
            upsert = "" if postgres else triggers.UPSERT
            cursor.execute(f"INSERT INTO {FIGURE_TABLE} (unit_id, cycle_pk, topic, item, n) {sql} {upsert}")
        if progress:
            progress(len(steps), len(steps), "")
        if postgres:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                f"ALTER TABLE {FIGURE_TABLE} ADD CONSTRAINT {UNIQUE_NAME} UNIQUE ({', '.join(UNIQUE_COLUMNS)})"
            )
            cursor.execute(f"ANALYZE {FIGURE_TABLE}")
        cursor.execute(f"SELECT COUNT(*) FROM {FIGURE_TABLE}")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def fill_topics(
    topics: frozenset[str], *, connection: BaseDatabaseWrapper | None = None, progress: Progress = None
) -> int:
    """Recompute the figures of ``topics`` alone from the raw tables (a migration adding topics);
    returns the number of rows they now have."""
    connection = connection or default_connection
    marks = ", ".join(["%s"] * len(topics))
    steps = []
    for source in sources(connection.vendor, frozenset(t for t in _all_topics() if t not in topics)):
        if source.rebuild_from is None or not source.contributions:
            continue
        own = contributions_sql(source, "r", f"FROM {source.rebuild_from}", 1, rebuild=True)
        steps.append((source.table, rolled_sql(connection.vendor, own)))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        _lock(connection)
        cursor.execute(f"DELETE FROM {FIGURE_TABLE} WHERE topic IN ({marks})", list(topics))
        for done, (table, sql) in enumerate(steps):
            if progress:
                progress(done, len(steps), table)
            cursor.execute(
                f"INSERT INTO {FIGURE_TABLE} (unit_id, cycle_pk, topic, item, n) {sql} {triggers.UPSERT}"
            )
        if progress:
            progress(len(steps), len(steps), "")
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {FIGURE_TABLE}")
        cursor.execute(f"SELECT COUNT(*) FROM {FIGURE_TABLE} WHERE topic IN ({marks})", list(topics))
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _all_topics() -> set[str]:
    return {c.topic for source in sources("sqlite") for c in source.contributions}


def check(*, connection: BaseDatabaseWrapper | None = None, progress: Progress = None) -> Mismatch | None:
    """The first figure whose kept count differs from the raw tables (by unit path), None when all agree."""
    connection = connection or default_connection
    steps = _raw_sqls(connection.vendor)
    keys = "k.unit_id = r.unit_id AND k.cycle_pk = r.cycle_pk AND k.topic = r.topic AND k.item = r.item"
    unit_table = OrgUnit._meta.db_table
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        _lock(connection)
        cursor.execute(f"DROP TABLE IF EXISTS {RAW_TABLE}")
        union = " UNION ALL ".join(sql for _table, sql in steps)
        if progress:
            progress(0, 2, "raw")
        cursor.execute(f"CREATE TEMP TABLE {RAW_TABLE} AS {union}")
        if progress:
            progress(1, 2, "compare")
        cursor.execute(
            "SELECT d.unit_id, d.cycle_pk, d.topic, d.item, d.kept, d.raw, u.code FROM ("
            f"SELECT r.unit_id, r.cycle_pk, r.topic, r.item, COALESCE(k.n, 0) AS kept, r.n AS raw "
            f"FROM {RAW_TABLE} r LEFT JOIN {FIGURE_TABLE} k ON {keys} WHERE COALESCE(k.n, 0) <> r.n "
            "UNION ALL "
            f"SELECT k.unit_id, k.cycle_pk, k.topic, k.item, k.n, 0 "
            f"FROM {FIGURE_TABLE} k LEFT JOIN {RAW_TABLE} r ON {keys} WHERE k.n <> 0 AND r.unit_id IS NULL"
            f") d LEFT JOIN {unit_table} u ON u.id = d.unit_id "
            "ORDER BY u.path, d.topic, d.cycle_pk, d.item LIMIT 1"
        )
        row = cursor.fetchone()
        cursor.execute(f"DROP TABLE {RAW_TABLE}")
        if progress:
            progress(2, 2, "")
    if row is None:
        return None
    unit_id, cycle_pk, topic, item, kept, raw, code = row
    return Mismatch(code or f"#{unit_id}", topic, int(cycle_pk), item, int(kept), int(raw))


@contextmanager
def paused(*, rebuild: bool = True, connection: BaseDatabaseWrapper | None = None) -> Iterator[None]:
    """Write without keeping the figures (a bulk load), then rebuild them once.

    PostgreSQL: only this connection's writes skip the triggers (a session setting the trigger
    functions read); other users' writes keep their figures. SQLite: the triggers are dropped and
    put back. Without ``rebuild`` the caller must run ``aggregates_rebuild`` afterwards. A loader
    writing through another PostgreSQL connection (psycopg's COPY) runs
    ``SET tochuc.figures_paused = 'on'`` on that connection instead.
    """
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', false)", [PAUSE_SETTING])
        else:
            triggers.uninstall(connection)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'off', false)", [PAUSE_SETTING])
            else:
                triggers.install(connection)
    if rebuild:
        rebuild_all(connection=connection)
