"""The audit chain: appended in the writer's transaction, and any change to past rows shows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from tochuc.audit.chain import canonical, compute_hash, verify_chain
from tochuc.audit.models import GENESIS_HASH, AuditEvent
from tochuc.audit.services import SYSTEM_LABEL, record, sensitive
from tochuc.audit.tests.tamper import raw_table
from tochuc.orgunits.services import unit_rename

trigger_migration = import_module("tochuc.audit.migrations.0002_append_only_trigger")
sqlite_migration = import_module("tochuc.audit.migrations.0003_sqlite_append_only_trigger")
TABLE = AuditEvent._meta.db_table


def event(seq: int) -> AuditEvent:
    return AuditEvent.objects.get(seq=seq)


@pytest.fixture
def chain(tree) -> list[AuditEvent]:
    """The fixture tree's eleven creations, in order."""
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, 12))
    return events


# --- intact ---------------------------------------------------------------------


def test_empty_chain_is_intact(db):
    assert verify_chain() == verify_chain(GENESIS_HASH)
    result = verify_chain()
    assert (result.ok, result.checked, result.head_hash) == (True, 0, GENESIS_HASH)


def test_intact_chain_verifies_to_its_head(chain):
    result = verify_chain()
    assert result.ok and result.bad_event_id is None
    assert result.checked == 11
    assert result.head_hash == chain[-1].row_hash
    assert verify_chain(expected_head=chain[-1].row_hash).ok
    # Each event links to the one before it.
    assert chain[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.row_hash for a, b in itertools.pairwise(chain))


def test_chain_of_later_writes_stays_intact(tree, chain, inside):
    unit_rename(actor=inside, unit=tree.province, name="Đảng bộ tỉnh Hà Tĩnh (mới)")
    # The fixture's grant to ``inside`` was event 12.
    result = verify_chain()
    assert result.ok and result.checked == 13
    assert (event(13).action, event(13).actor_label) == ("orgunit.rename", "inside")


def test_values_round_trip_through_the_database_and_still_verify(db):
    summary: dict[Any, Any] = {
        "ngày": dt.date(2025, 9, 2),
        "amount": Decimal("1.50"),
        "ratio": 0.1,
        "nested": {"ids": (3, 1, 2), "none": None, "flag": False},
        7: "integer key",
        "text": "Đảng bộ xã An Bình — “trích dẫn”",
    }
    with transaction.atomic():
        written = record(actor=None, action="test.values", target=AuditEvent(), unit_path="", summary=summary)
    stored = event(written.seq)
    assert stored.summary == {
        "ngày": "2025-09-02",
        "amount": "1.50",
        "ratio": "0.1",
        "nested": {"ids": [3, 1, 2], "none": None, "flag": False},
        "7": "integer key",
        "text": "Đảng bộ xã An Bình — “trích dẫn”",
    }
    assert compute_hash(stored.prev_hash, stored) == stored.row_hash
    assert verify_chain().ok


def test_system_writes_are_labelled_as_the_system(chain):
    assert {e.actor_label for e in chain} == {SYSTEM_LABEL}
    assert {e.actor_id for e in chain} == {None}


# --- tampering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("summary", json.dumps({"code": "T01-X01", "name": "Tên đã bị sửa"})), ("action", "orgunit.rename")],
)
def test_edited_row_is_found(chain, column, value):
    victim = chain[4]
    with raw_table() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET {column} = %s WHERE seq = %s", [value, victim.seq])
    result = verify_chain()
    assert not result.ok
    assert result.bad_event_id == victim.pk
    assert result.checked == 4
    assert result.reason == "content does not match row_hash"
    assert result.head_hash == chain[3].row_hash


def test_edited_row_with_recomputed_hash_breaks_the_next_link(chain):
    victim = chain[4]
    victim.summary = {"code": "T01-X01", "name": "Tên đã bị sửa"}
    victim.row_hash = compute_hash(victim.prev_hash, victim)
    with raw_table() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET summary = %s, row_hash = %s WHERE seq = %s",
            [json.dumps(victim.summary), victim.row_hash, victim.seq],
        )
    result = verify_chain()
    assert (result.ok, result.bad_event_id, result.checked) == (False, chain[5].pk, 5)
    assert result.reason == "prev_hash does not match the event before it"


def test_rewritten_tail_is_found_only_against_a_written_down_head(chain):
    # Rewriting the last event and its hash leaves a self-consistent chain...
    head_before = verify_chain().head_hash
    last = chain[-1]
    last.summary = {"code": "FORGED"}
    last.row_hash = compute_hash(last.prev_hash, last)
    with raw_table() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET summary = %s, row_hash = %s WHERE seq = %s",
            [json.dumps(last.summary), last.row_hash, last.seq],
        )
    assert verify_chain().ok
    # ...which the head hash noted down earlier exposes.
    result = verify_chain(expected_head=head_before)
    assert not result.ok and result.bad_event_id is None
    assert result.reason == "the head written down earlier is no longer in the chain"


def test_deleted_middle_row_is_found(chain):
    with raw_table() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [6])
    result = verify_chain()
    assert not result.ok
    assert result.reason == "sequence number 6 is missing"
    assert (result.bad_event_id, result.checked) == (chain[6].pk, 5)


def test_reordered_pair_is_found(chain):
    first, second = chain[3], chain[4]
    with raw_table() as cursor:
        # Through a free number: seq is unique.
        cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [-1, first.seq])
        cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [first.seq, second.seq])
        cursor.execute(f"UPDATE {TABLE} SET seq = %s WHERE seq = %s", [second.seq, -1])
    result = verify_chain()
    assert not result.ok
    assert result.bad_event_id == second.pk
    assert result.checked == 3


def test_verification_reads_in_batches(chain, monkeypatch):
    from tochuc.audit import chain as chain_module

    original = chain_module._in_order
    monkeypatch.setattr(chain_module, "_in_order", lambda batch_size=2000: original(batch_size=3))
    assert verify_chain().checked == 11
    with raw_table() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = %s WHERE seq = %s", ["x", 10])
    assert verify_chain().bad_event_id == chain[9].pk


# --- the database itself refuses changes (PostgreSQL) ---------------------------------


class _Recorder:
    """Stands in for a schema editor: records what a migration would run."""

    def __init__(self) -> None:
        self.connection = connection
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> None:
        self.statements.append(sql)


class _Executor(_Recorder):
    """Runs what a migration would run, inside the test's transaction (SQLite's schema
    editor refuses to open inside one)."""

    def execute(self, sql: str, params: Any = ()) -> None:
        super().execute(sql, params)
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as info, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    return str(info.value)


def test_append_only_trigger_refuses_changes_on_both_databases(chain):
    if connection.vendor == "postgresql":
        assert "append-only (UPDATE refused)" in _refused(f"UPDATE {TABLE} SET action = 'x' WHERE seq = 3")
        assert "append-only (DELETE refused)" in _refused(f"DELETE FROM {TABLE} WHERE seq = 3")
        # The test session drops the TRUNCATE trigger (browser tests empty tables); put the
        # migration's own triggers back for the rest of this test's transaction.
        with connection.schema_editor() as editor:
            trigger_migration.backwards(None, editor)
            trigger_migration.forwards(None, editor)
        assert "append-only (TRUNCATE refused)" in _refused(f"TRUNCATE {TABLE}")
        assert "append-only (UPDATE refused)" in _refused(f"UPDATE {TABLE} SET seq = seq + 100")
        # The SQLite migration does nothing here.
        recorder = _Recorder()
        sqlite_migration.forwards(None, recorder)
        sqlite_migration.backwards(None, recorder)
        assert recorder.statements == []
    else:
        # The test session drops the DELETE trigger (browser tests empty tables with DELETE);
        # the migration puts both back inside this test's transaction.
        sqlite_migration.backwards(None, _Executor())
        sqlite_migration.forwards(None, _Executor())
        assert "append-only (UPDATE refused)" in _refused(f"UPDATE {TABLE} SET action = 'x' WHERE seq = 3")
        assert "append-only (DELETE refused)" in _refused(f"DELETE FROM {TABLE} WHERE seq = 3")
        assert "append-only (DELETE refused)" in _refused(f"DELETE FROM {TABLE}")
        recorder = _Recorder()
        trigger_migration.forwards(None, recorder)
        trigger_migration.backwards(None, recorder)
        assert recorder.statements == []
        # Backwards removes them.
        sqlite_migration.backwards(None, _Executor())
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            assert cursor.fetchall() == []
            cursor.execute(f"UPDATE {TABLE} SET action = action WHERE seq = 3")
        sqlite_migration.forwards(None, _Executor())
    # Either way the rows are untouched and the chain still holds.
    assert verify_chain().ok and verify_chain().checked == 11


# --- record() -------------------------------------------------------------------------


def test_record_outside_a_transaction_raises():
    # No database access happens before the check (this test has none).
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic\(\)"):
        record(actor=None, action="test.outside", target=AuditEvent(), unit_path="")


def test_sensitive_value_never_reaches_the_log(db):
    citizen_id = "001203004567"
    with transaction.atomic():
        written = record(
            actor=None,
            action="person.update",
            target=AuditEvent(),
            unit_path="",
            summary={"citizen_id": sensitive(citizen_id), "fields": ["citizen_id"]},
        )
    stored = event(written.seq)
    assert citizen_id not in canonical(stored)
    assert citizen_id not in json.dumps(stored.summary)
    assert stored.summary["citizen_id"].startswith("hmac:")
    # The same value always gives the same token, so changes can still be followed.
    assert sensitive(citizen_id) == stored.summary["citizen_id"]
    assert sensitive("001203004568") != sensitive(citizen_id)
    assert verify_chain().ok


def test_a_head_written_down_earlier_still_verifies_after_new_writes(chain, tree):
    from tochuc.orgunits.services import unit_rename

    written_down = verify_chain().head_hash
    unit_rename(actor=None, unit=tree.cell, name="Chi bộ đổi tên sau khi ghi mã băm")
    assert verify_chain(expected_head=written_down).ok


def test_sensitive_token_cannot_be_recomputed_without_the_key(settings):
    import hashlib

    citizen_id = "001203004567"
    token = sensitive(citizen_id)
    assert hashlib.sha256(citizen_id.encode()).hexdigest()[:32] not in token
    settings.AUDIT_HMAC_KEY = "another-key"
    assert sensitive(citizen_id) != token
