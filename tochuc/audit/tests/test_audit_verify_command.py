"""``manage.py audit_verify``: exit 0 and the head hash when intact, exit 1 naming the bad event."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from tochuc.audit.models import GENESIS_HASH, AuditEvent
from tochuc.audit.tests.tamper import tamper

TABLE = AuditEvent._meta.db_table


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
        assert isinstance(code, int)
        return code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def head() -> str:
    return AuditEvent.objects.order_by("-seq").values_list("row_hash", flat=True)[0]


def test_empty_log_is_intact(db):
    code, out, err = run()
    assert code == 0 and err == ""
    assert out.splitlines() == ["OK: 0 events intact.", f"head {GENESIS_HASH}"]


def test_intact_chain_exits_0_and_prints_head(tree):
    code, out, err = run()
    assert code == 0 and err == ""
    assert out.splitlines() == ["OK: 11 events intact.", f"head {head()}"]
    assert run("--expect-head", head())[0] == 0


def test_tampered_row_exits_1_naming_the_event(tree):
    before = head()
    victim = AuditEvent.objects.get(seq=4)
    tamper(f"UPDATE {TABLE} SET action = %s WHERE seq = %s", ["orgunit.dissolve", 4])
    code, out, err = run()
    assert code == 1
    assert f"BROKEN at event #{victim.pk}: content does not match row_hash (after 3 intact events)." in err
    # The head printed is the last good one, not the stored head.
    third = AuditEvent.objects.get(seq=3).row_hash
    assert out.splitlines() == [f"head {third}"]
    assert before not in out


def test_deleted_row_exits_1(tree):
    after = AuditEvent.objects.get(seq=8)
    tamper(f"DELETE FROM {TABLE} WHERE seq = %s", [7])
    code, _, err = run()
    assert code == 1
    assert f"BROKEN at event #{after.pk}: sequence number 7 is missing" in err


def test_different_head_exits_1(tree):
    code, out, err = run("--expect-head", "f" * 64)
    assert code == 1
    assert "BROKEN at chain head: the head written down earlier is no longer in the chain" in err
    assert out.splitlines() == [f"head {head()}"]


def test_blank_expected_head_means_no_expectation(tree):
    assert run("--expect-head=")[0] == 0
