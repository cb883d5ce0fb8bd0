"""Backups that restore: a consistent copy while the app runs, with a manifest to check it against.

A backup is a folder::

    PATH/database.sqlite3   (SQLite: the online backup API)  or
    PATH/database.dump      (PostgreSQL: ``pg_dump -Fc`` on an exported snapshot)
    PATH/manifest.json      time, database kind, file SHA-256, audit head, row counts per table

The audit head and the row counts are read from the same snapshot as the copy,
so after a restore they must match exactly; ``restore`` refuses a database that
already holds tables and checks the audit chain against the manifest's head.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

if TYPE_CHECKING:
    import psycopg

from tochuc.audit.models import GENESIS_HASH, AuditEvent

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FORMAT = 1
AUDIT_TABLE = AuditEvent._meta.db_table


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str
    file: str
    sha256: str
    audit_seq: int
    audit_head: str
    row_counts: dict[str, int]

    def as_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "vendor": self.vendor,
            "file": self.file,
            "sha256": self.sha256,
            "audit": {"seq": self.audit_seq, "head": self.audit_head},
            "row_counts": self.row_counts,
        }

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            return cls(
                created_at=str(data["created_at"]),
                vendor=str(data["vendor"]),
                file=str(data["file"]),
                sha256=str(data["sha256"]),
                audit_seq=int(data["audit"]["seq"]),
                audit_head=str(data["audit"]["head"]),
                row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"{folder / MANIFEST}: not a tochuc backup manifest ({exc})") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _prepare(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"{folder} already exists and is not an empty folder; choose a new one.")
    folder.mkdir(parents=True, exist_ok=True)


# --- counting, on any DB-API cursor ------------------------------------------------------------


class _Cursor(Protocol):
    """What the counting needs of a DB-API cursor (sqlite3, psycopg, Django's wrapper)."""

    def execute(self, sql: str, /) -> object: ...
    def fetchone(self) -> Sequence[object] | None: ...
    def fetchall(self) -> Sequence[Sequence[object]]: ...


def _counts_and_head(
    cursor: _Cursor, tables: list[str], quote: Callable[[str], str]
) -> tuple[dict[str, int], int, str]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        count = cursor.fetchone()
        assert count is not None
        counts[table] = int(str(count[0]))
    seq, head = 0, GENESIS_HASH
    if AUDIT_TABLE in tables:
        cursor.execute(f"SELECT seq, row_hash FROM {quote(AUDIT_TABLE)} ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
        if row:
            seq, head = int(str(row[0])), str(row[1])
    return counts, seq, head


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [str(name) for (name,) in rows]


# --- backup ------------------------------------------------------------------------------------


def backup(folder: Path, using: str = "default") -> Manifest:
    _prepare(folder)
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        manifest = _backup_sqlite(connection, folder)
    elif connection.vendor == "postgresql":
        manifest = _backup_postgresql(connection, folder)
    else:
        raise BackupError(f"no backup for a {connection.vendor} database")
    (folder / MANIFEST).write_text(json.dumps(manifest.as_json(), indent=2, sort_keys=True) + "\n")
    return manifest


def _backup_sqlite(connection: BaseDatabaseWrapper, folder: Path) -> Manifest:
    target = folder / SQLITE_FILE
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is one consistent snapshot, even with writers running.
        connection.connection.backup(copy, pages=-1)
        counts, seq, head = _counts_and_head(copy.cursor(), _sqlite_tables(copy), _sqlite_quote)
    finally:
        copy.close()
    return Manifest(_now(), "sqlite", SQLITE_FILE, _sha256(target), seq, head, counts)


def _pg_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    env["PGDATABASE"] = str(settings["NAME"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools are needed)") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


@contextmanager
def _pg_snapshot(
    connection: BaseDatabaseWrapper,
) -> Iterator[tuple[str, psycopg.Connection[tuple[object, ...]]]]:
    """A separate connection in a REPEATABLE READ transaction, with its snapshot exported."""
    import psycopg

    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as db:
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = db.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        yield str(row[0]), db
        db.rollback()


def _pg_tables(cursor: _Cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [str(name) for (name,) in cursor.fetchall()]


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _backup_postgresql(connection: BaseDatabaseWrapper, folder: Path) -> Manifest:
    target = folder / PG_FILE
    with _pg_snapshot(connection) as (snapshot, db):
        # pg_dump reads the very snapshot the counts are taken in.
        _run(
            ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(target)], _pg_env(connection)
        )
        cursor = db.cursor()
        counts, seq, head = _counts_and_head(cursor, _pg_tables(cursor), _pg_quote)
    return Manifest(_now(), "postgresql", PG_FILE, _sha256(target), seq, head, counts)


# --- restore -----------------------------------------------------------------------------------


def restore(folder: Path, using: str = "default") -> Manifest:
    """Restore ``folder`` into the (empty) database ``using``; raise BackupError when it does not match."""
    manifest = Manifest.read(folder)
    source = folder / manifest.file
    if not source.is_file():
        raise BackupError(f"{source} is missing")
    if _sha256(source) != manifest.sha256:
        raise BackupError(f"{source} does not match the SHA-256 of the manifest: the copy is damaged")
    connection = connections[using]
    if manifest.vendor != connection.vendor:
        raise BackupError(f"a {manifest.vendor} backup cannot be restored into {connection.vendor}")
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and not name.startswith(("file:", ":memory:")):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables); restore only into a new, empty database"
        )
    if connection.vendor == "sqlite":
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            src.backup(connection.connection, pages=-1)
        finally:
            src.close()
    else:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "-d",
                str(connection.settings_dict["NAME"]),
                str(source),
            ],
            _pg_env(connection),
        )
    connection.close()
    check_against(manifest, using)
    return manifest


def check_against(manifest: Manifest, using: str = "default") -> None:
    """The database holds what the manifest says: same row counts, the audit chain intact to its head."""
    from tochuc.audit.chain import verify_chain

    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts, seq, head = _counts_and_head(cursor, connection.introspection.table_names(cursor), quote)
    if (seq, head) != (manifest.audit_seq, manifest.audit_head):
        raise BackupError(f"audit head #{seq} {head[:16]}… is not the manifest's #{manifest.audit_seq}")
    differing = sorted(
        t for t in set(counts) | set(manifest.row_counts) if counts.get(t) != manifest.row_counts.get(t)
    )
    if differing:
        table = differing[0]
        raise BackupError(
            f"{len(differing)} tables differ from the manifest, first {table}: "
            f"{counts.get(table)} rows, manifest {manifest.row_counts.get(table)}"
        )
    result = verify_chain(expected_head=manifest.audit_head)
    if not result.ok:
        raise BackupError(f"audit_verify: {result.reason} (after {result.checked} intact events)")
