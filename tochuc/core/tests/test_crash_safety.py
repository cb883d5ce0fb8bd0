"""Nothing acknowledged is lost, nothing is written twice, when the server is killed mid-write.

Runs ``bench/crash_safety.py`` for a few seconds against a database of its own, on the
database the suite runs on: a scratch SQLite file, or a new PostgreSQL database on the same
server when ``DATABASE_URL`` points at PostgreSQL (created here and dropped afterwards).
Set ``TOCHUC_CRASH_SECONDS`` for a longer run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "bench" / "crash_safety.py"
SECONDS = os.environ.get("TOCHUC_CRASH_SECONDS", "8")


@pytest.fixture
def database_env() -> Iterator[dict[str, str]]:
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    name = f"tochuc_crash_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    env["DATABASE_POOL"] = "0"
    try:
        yield env
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_acknowledged_writes_survive_kills_exactly_once(database_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", SECONDS, "--kill-every", "1.5"],
        cwd=ROOT,
        env=database_env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, summary
    figures = re.search(r"(\d+) acknowledged of (\d+) keys, \d+ requests, (\d+) kills", summary)
    assert figures is not None, summary
    acknowledged, sent, kills = (int(figures.group(i)) for i in (1, 2, 3))
    assert acknowledged == sent > 0
    assert kills >= 1
    assert "written twice: 0; acknowledged but missing: 0" in summary
