"""PostgreSQL ``COPY`` for the national demo: rows as text lines, ids from the sequences, a progress bar.

Rows are written in COPY's text format: the caller formats the columns that vary
(``text`` escapes free text), every other column of the model gets its default once,
as a constant suffix. Ids come from the table's own sequence (``nextval`` in bulk),
so paths and foreign keys can be written before the rows exist.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

from django.db import connection, models
from django.utils import timezone

BLOCK = 1 << 20  # bytes handed to COPY at a time


def text(value: str) -> str:
    """``value`` escaped for COPY's text format."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def render(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        return text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return text(str(value))


class CopyTable:
    """A model's table for COPY: the ``varying`` columns in order, then every other column's default."""

    def __init__(self, model: type[models.Model], varying: list[str]) -> None:
        self.table = model._meta.db_table
        now = timezone.now()
        constant: list[tuple[str, str]] = []
        for field in model._meta.concrete_fields:
            column = str(field.column)
            if column in varying:
                continue
            if field.primary_key:
                continue  # the identity column numbers the row
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value: object = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
                value = ""
            else:
                raise ValueError(f"{self.table}.{column} needs a value")
            constant.append((column, render(value)))
        self.columns = [*varying, *(column for column, _ in constant)]
        self.suffix = "".join("\t" + value for _, value in constant) + "\n"

    def write(self, lines: Iterable[str]) -> int:
        """COPY the rows (each the varying columns joined by tabs); return how many."""
        count = 0
        parts: list[str] = []
        size = 0
        suffix = self.suffix
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor
            with raw.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
                for line in lines:
                    parts.append(line + suffix)
                    size += len(line) + 40
                    count += 1
                    if size >= BLOCK:
                        copy.write("".join(parts).encode())
                        parts.clear()
                        size = 0
                if parts:
                    copy.write("".join(parts).encode())
        return count


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh ids from the table's own sequence (so later inserts never collide)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def quiet_triggers() -> bool:
    """Inside the current transaction, skip user triggers (kept aggregates, search tokens, and the
    foreign-key checks, which are triggers too) when the role may: the loader writes consistent rows
    and the commands that rebuild what the triggers keep run after the load. Returns whether it could."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not row or not row[0]:
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


class Progress:
    """A text progress bar with counts, elapsed time and the time left, redrawn at most twice a second."""

    def __init__(self, label: str, total: int, unit: str, stream: TextIO | None = None) -> None:
        self.label, self.total, self.unit = label, max(total, 1), unit
        self.stream = stream or sys.stderr
        self.done = 0.0
        self.started = time.perf_counter()
        self._drawn = 0.0

    def advance(self, amount: float, note: str = "") -> None:
        self.done += amount
        now = time.perf_counter()
        if now - self._drawn >= 0.5 or self.done >= self.total:
            self._drawn = now
            self.draw(note)

    def draw(self, note: str = "") -> None:
        share = min(1.0, self.done / self.total)
        elapsed = time.perf_counter() - self.started
        left = elapsed / share - elapsed if share > 0 else 0.0
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r{self.label} [{bar:<30}] {share:4.0%} {int(self.done):,}/{self.total:,} {self.unit}"
            f" · {_clock(elapsed)} · còn {_clock(left)} {note}\033[K"
        )
        self.stream.flush()

    def finish(self) -> float:
        self.draw()
        self.stream.write("\n")
        self.stream.flush()
        return time.perf_counter() - self.started


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


# Secondary indexes set aside while millions of rows are copied. Their definitions are kept in a
# small table of their own, in the same transaction as the DROP, so an interrupted load still knows
# what to build again.
SET_ASIDE = "demo_national_set_aside_index"


def set_aside_indexes(tables: Iterable[str]) -> list[str]:
    """Drop the non-unique indexes of ``tables`` (keeping their definitions); return their names."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SET_ASIDE} (name text PRIMARY KEY, definition text NOT NULL)"
        )
        cursor.execute(
            """
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
            """,
            [list(tables)],
        )
        found = cursor.fetchall()
        for name, definition in found:
            cursor.execute(
                f"INSERT INTO {SET_ASIDE} (name, definition) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [name, definition],
            )
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [name for name, _ in found]


def indexes_set_aside() -> bool:
    """Whether a load left indexes set aside (it was interrupted)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [SET_ASIDE])
        row = cursor.fetchone()
    return bool(row and row[0] is not None)


def restore_indexes(stream: TextIO | None = None) -> list[tuple[str, float]]:
    """Build again every index set aside (also after an interrupted load); return (name, seconds)."""
    if not indexes_set_aside():
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, definition FROM {SET_ASIDE} ORDER BY name")
        pending = cursor.fetchall()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        built = []
        for name, definition in pending:
            started = time.perf_counter()
            if stream is not None:
                stream.write(f"\rChỉ mục {name}…\033[K")
                stream.flush()
            cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            cursor.execute(f"DELETE FROM {SET_ASIDE} WHERE name = %s", [name])
            built.append((name, time.perf_counter() - started))
        cursor.execute(f"DROP TABLE {SET_ASIDE}")
        cursor.execute("RESET maintenance_work_mem")
        if stream is not None and pending:
            stream.write("\n")
    return built
