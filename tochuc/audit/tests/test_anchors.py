"""Anchors written outside the database expose a cut or rewritten tail of the audit chain."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tochuc.audit.chain import compute_hash, verify_chain
from tochuc.audit.models import GENESIS_HASH, AuditEvent
from tochuc.audit.tests.tamper import TABLE, raw_table
from tochuc.orgunits.services import unit_rename


def run(command: str, *args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        assert isinstance(exit_.code, int)
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def anchor(path: Path) -> list[str]:
    code, out, err = run("audit_anchor", "--file", str(path))
    assert code == 0 and err == ""
    return out.split()


def test_anchor_appends_the_head_and_prints_it(tree, tmp_path):
    path = tmp_path / "offsite" / "anchors.txt"
    first = anchor(path)
    head = AuditEvent.objects.order_by("-seq").first()
    assert first[1:] == [str(head.seq), head.row_hash]
    unit_rename(actor=None, unit=tree.cell, name="Chi bộ đổi tên")
    second = anchor(path)
    assert int(second[1]) == head.seq + 1
    lines = path.read_text().splitlines()
    assert [line.split() for line in lines] == [first, second]
    code, out, _ = run("audit_verify", "--anchors", str(path))
    assert code == 0 and "OK: 2 anchors in the chain." in out


def test_anchor_of_an_empty_chain_is_the_genesis(db, tmp_path):
    assert anchor(tmp_path / "a.txt")[1:] == ["0", GENESIS_HASH]
    assert run("audit_verify", "--anchors", str(tmp_path / "a.txt"))[0] == 0


def test_default_file_comes_from_the_settings(db, tmp_path, settings):
    settings.TOCHUC_AUDIT_ANCHORS = tmp_path / "var" / "anchors.txt"
    code, out, _ = run("audit_anchor")
    assert code == 0
    assert settings.TOCHUC_AUDIT_ANCHORS.read_text() == out


def test_deleting_the_last_events_fails_against_the_anchors(tree, tmp_path):
    path = tmp_path / "anchors.txt"
    anchor(path)  # at seq 11
    unit_rename(actor=None, unit=tree.cell, name="Lần 1")
    unit_rename(actor=None, unit=tree.cell, name="Lần 2")
    third = anchor(path)  # at seq 13
    assert run("audit_verify", "--anchors", str(path))[0] == 0
    with raw_table() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > %s", [11])
    # Without the anchors the shortened chain looks intact...
    assert verify_chain().ok
    assert run("audit_verify")[0] == 0
    # ...with them the first anchor that is gone is named.
    code, _, err = run("audit_verify", "--anchors", str(path))
    assert code == 1
    assert f"anchor #13 {third[2][:16]}" in err and "is no longer in the chain" in err


def test_rewriting_a_row_and_every_hash_after_it_is_caught(tree, tmp_path):
    path = tmp_path / "anchors.txt"
    anchor(path)
    with raw_table() as cursor:
        events = list(AuditEvent.objects.order_by("seq"))
        prev = GENESIS_HASH
        for event in events:
            if event.seq == 5:
                event.summary = {"code": "FORGED", "name": "Đơn vị giả"}
            event.prev_hash = prev
            event.row_hash = compute_hash(prev, event)
            prev = event.row_hash
            cursor.execute(
                f"UPDATE {TABLE} SET summary = %s, prev_hash = %s, row_hash = %s WHERE seq = %s",
                [json.dumps(event.summary), event.prev_hash, event.row_hash, event.seq],
            )
    assert verify_chain().ok  # self-consistent after the rewrite
    code, _, err = run("audit_verify", "--anchors", str(path))
    assert code == 1
    assert "anchor #11" in err and "is no longer in the chain" in err


def test_an_unreadable_anchors_file_fails(db, tmp_path):
    path = tmp_path / "anchors.txt"
    path.write_text("not an anchor\n")
    code, _, err = run("audit_verify", "--anchors", str(path))
    assert code == 1 and "line 1: not an anchor" in err
    code, _, err = run("audit_verify", "--anchors", str(tmp_path / "missing.txt"))
    assert code == 1 and "cannot read" in err


@pytest.mark.parametrize("seq", [0, 3])
def test_a_forged_anchor_does_not_verify(tree, tmp_path, seq):
    path = tmp_path / "anchors.txt"
    path.write_text(f"2026-01-01T00:00:00Z {seq} {'a' * 64}\n")
    code, _, err = run("audit_verify", "--anchors", str(path))
    assert code == 1 and f"anchor #{seq}" in err
