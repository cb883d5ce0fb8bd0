"""``backup`` and ``restore``: a consistent copy with its manifest, restored only into an empty
database and checked against the manifest (row counts, the audit chain to its head)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tochuc.audit.models import AuditEvent
from tochuc.core.backup import MANIFEST, BackupError, Manifest, check_against, restore
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.services import unit_rename

ROOT = Path(settings.BASE_DIR)
POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def saved(transactional_db, tree, tmp_path) -> tuple[Path, Manifest]:
    """A backup of the committed fixture tree, taken by the command."""
    unit_rename(actor=None, unit=tree.cell, name="Chi bộ trước khi sao lưu")
    folder = tmp_path / "backup"
    out = StringIO()
    call_command("backup", str(folder), stdout=out)
    assert out.getvalue().startswith(f"OK: {folder} ({connection.vendor},")
    return folder, Manifest.read(folder)


def test_backup_writes_a_copy_and_its_manifest(saved):
    folder, manifest = saved
    head = AuditEvent.objects.order_by("-seq").first()
    assert (manifest.audit_seq, manifest.audit_head) == (head.seq, head.row_hash)
    assert manifest.row_counts["orgunits_orgunit"] == OrgUnit.objects.count() == 11
    assert manifest.row_counts["audit_auditevent"] == AuditEvent.objects.count()
    assert sorted(p.name for p in folder.iterdir()) == sorted([MANIFEST, manifest.file])
    assert json.loads((folder / MANIFEST).read_text())["audit"]["seq"] == head.seq
    # The live database is what the manifest says.
    check_against(manifest)


def test_backup_into_a_used_folder_is_refused(saved):
    folder, _ = saved
    with pytest.raises(CommandError, match="already exists and is not an empty folder"):
        call_command("backup", str(folder))


def test_restore_into_a_database_with_tables_is_refused(saved):
    folder, _ = saved
    with pytest.raises(CommandError, match="the database is not empty"):
        call_command("restore", str(folder))
    assert OrgUnit.objects.count() == 11


def test_a_damaged_copy_is_refused(saved):
    folder, manifest = saved
    with open(folder / manifest.file, "r+b") as file:
        file.seek(200)
        byte = file.read(1)
        file.seek(200)
        file.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(BackupError, match="does not match the SHA-256"):
        restore(folder)


def test_check_against_a_manifest_that_differs_fails(saved):
    _, manifest = saved
    more = dict(manifest.row_counts, orgunits_orgunit=12)
    with pytest.raises(BackupError, match="first orgunits_orgunit: 11 rows, manifest 12"):
        check_against(dataclasses.replace(manifest, row_counts=more))
    with pytest.raises(BackupError, match="is not the manifest's"):
        check_against(dataclasses.replace(manifest, audit_head="0" * 64))


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_restore_into_an_empty_database_matches_the_manifest(saved, tmp_path):
    folder, manifest = saved
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "tochuc.settings.test"
    created = ""
    if POSTGRES:
        created = f"test_tochuc_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{created}"')
        params = connection.settings_dict
        user = params.get("USER") or "postgres"
        env["DATABASE_URL"] = (
            f"postgres://{user}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{created}"
        )
        if params.get("PASSWORD"):
            env["PGPASSWORD"] = str(params["PASSWORD"])
    else:
        env["TOCHUC_VAR_DIR"] = str(tmp_path / "restored")
    try:
        done = _manage(env, "restore", str(folder))
        assert done.returncode == 0, done.stderr
        assert "row counts match; audit chain intact to #" in done.stdout
        assert f"#{manifest.audit_seq} {manifest.audit_head}" in done.stdout
    finally:
        if created:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
