"""Writing to the audit table behind the application's back, as its owner would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from tochuc.audit.models import AuditEvent

TABLE = AuditEvent._meta.db_table


@contextmanager
def raw_table() -> Iterator[Any]:
    """A cursor on the audit table with its append-only triggers off, put back afterwards."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            try:
                yield cursor
            finally:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {name}")
        try:
            yield cursor
        finally:
            for _name, sql in triggers:
                cursor.execute(sql)


def tamper(sql: str, params: list[Any]) -> None:
    with raw_table() as cursor:
        cursor.execute(sql, params)
