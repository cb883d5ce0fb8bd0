"""``evaluation_cycle`` and ``evaluation_import``: the command contracts."""

from __future__ import annotations

import time
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tochuc.audit.models import AuditEvent
from tochuc.evaluations.models import EvaluationCycle, RatingChange, Stage
from tochuc.evaluations.tests.workflow_data import build_world, ev

pytestmark = pytest.mark.django_db

HEADERS = ["Mã đơn vị", "Mã đảng viên", "Điểm", "Xếp loại", "Người đứng đầu"]


def run(*args, **kwargs):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def sheet(tmp_path, rows, name="ketqua.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return str(path)


@pytest.fixture
def world(tree):
    return build_world(tree)


def test_evaluation_cycle_creates_then_shows(world):
    out, _ = run(
        "evaluation_cycle", "t01-x01-2025", "--unit", "T01-X01", "--kind", "annual", "--year", "2025"
    )
    cycle = EvaluationCycle.objects.get(code="T01-X01-2025")
    assert "Đã mở đợt đánh giá T01-X01-2025" in out
    assert cycle.pack == "qd366-2025" and cycle.unit.code == "T01-X01"
    assert "Tập thể: 3; cá nhân: 9 (không đánh giá: 3)" in out
    again, _ = run("evaluation_cycle", "T01-X01-2025")
    assert "đã có" in again and EvaluationCycle.objects.count() == 1
    assert AuditEvent.objects.filter(action="evaluation.cycle_open").count() == 1


def test_evaluation_cycle_with_another_pack_and_errors(world):
    run(
        "evaluation_cycle",
        "OLD-2023",
        "--unit",
        "T01",
        "--kind",
        "annual",
        "--year",
        "2023",
        "--pack",
        "qd124-2023",
    )
    assert EvaluationCycle.objects.get(code="OLD-2023").pack == "qd124-2023"
    with pytest.raises(CommandError, match="Không có bộ quy tắc"):
        run(
            "evaluation_cycle", "BAD", "--unit", "T01", "--kind", "annual", "--year", "2025", "--pack", "nope"
        )
    with pytest.raises(CommandError, match="Không có đơn vị"):
        run("evaluation_cycle", "BAD", "--unit", "ZZ", "--kind", "annual", "--year", "2025")
    with pytest.raises(CommandError, match="--unit"):
        run("evaluation_cycle", "BAD")


def test_import_lands_as_appraisal_with_head(world, tmp_path):
    run("evaluation_cycle", "C25", "--unit", "T01-X01", "--kind", "annual", "--year", "2025")
    cycle = EvaluationCycle.objects.get(code="C25")
    path = sheet(
        tmp_path,
        [
            ["T01-X01-CS1-CB1", None, 72, "Hoàn thành tốt nhiệm vụ", None],
            ["T01-X01-CS1-CB1", world.deputy.code, 71.5, "Hoàn thành tốt nhiệm vụ", "x"],
            ["T01-X01-CS1-CB1", world.secretary.code, 70, "Hoàn thành tốt nhiệm vụ", None],
            ["T01-X01-CS1-CB1", world.members[0].code, 55, "Hoàn thành nhiệm vụ", None],
        ],
    )
    out, _ = run("evaluation_import", path, "--cycle", "C25")
    assert "Đã nhập 4 dòng" in out
    collective = ev(cycle, unit=world.tree.cell)
    assert collective.stage == Stage.APPRAISAL
    assert (collective.proposed_score, collective.proposed_rating) == (Decimal(72), "good")
    deputy, secretary = ev(cycle, world.deputy), ev(cycle, world.secretary)
    assert deputy.is_head and not secretary.is_head
    assert deputy.proposed_score == Decimal("71.5")
    assert ev(cycle, world.members[0]).proposed_rating == "completed"
    assert AuditEvent.objects.filter(action="evaluation.import").count() == 1
    assert not RatingChange.objects.exists()


def test_import_is_all_or_nothing_and_lists_every_bad_cell(world, tmp_path):
    run("evaluation_cycle", "C25", "--unit", "T01-X01", "--kind", "annual", "--year", "2025")
    path = sheet(
        tmp_path,
        [
            ["T01-X01-CS1-CB1", world.members[0].code, 80, "Hoàn thành tốt nhiệm vụ", None],  # fine
            ["T01-X01-CS1-CB1", world.members[1].code, 101, "Hoàn thành tốt nhiệm vụ", None],
            ["T01-X01-CS1-CB1", world.members[2].code, 80, "Tốt", None],
            ["T02-X01", None, 50, "Hoàn thành nhiệm vụ", None],
            ["T01-X01-CS1-CB1", "KHONGCO", 60, "Hoàn thành nhiệm vụ", "có"],
            ["T01-X01-CS1-CB1", world.exempt.code, 60, "Hoàn thành nhiệm vụ", None],
            ["T01-X01-CS1-CB1", world.members[0].code, 70, "Hoàn thành tốt nhiệm vụ", None],
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError, match="7 lỗi"):
        call_command("evaluation_import", path, "--cycle", "C25", stdout=StringIO(), stderr=err)
    lines = err.getvalue()
    assert "dòng 3, cột «Điểm»: Điểm phải là số từ 0 đến 100." in lines
    assert "dòng 4, cột «Xếp loại»" in lines
    assert "dòng 5, cột «Mã đơn vị»: Không có đơn vị «T02-X01»" in lines
    assert (
        "dòng 6, cột «Mã đảng viên»: Đảng viên «KHONGCO»" in lines and "dòng 6, cột «Người đứng đầu»" in lines
    )
    assert "dòng 7, cột «Mã đảng viên»: Không thuộc diện đánh giá" in lines
    assert "dòng 8, cột «Mã đảng viên»: Trùng với dòng 2." in lines
    cycle = EvaluationCycle.objects.get(code="C25")
    assert not cycle.evaluations.filter(stage=Stage.APPRAISAL).exists()
    assert not AuditEvent.objects.filter(action="evaluation.import").exists()


def test_import_missing_header_and_unknown_cycle(world, tmp_path):
    run("evaluation_cycle", "C25", "--unit", "T01-X01", "--kind", "annual", "--year", "2025")
    wb = Workbook()
    wb.active.append(["Mã đơn vị", "Điểm"])
    path = tmp_path / "thieu.xlsx"
    wb.save(path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("evaluation_import", str(path), "--cycle", "C25", stdout=StringIO(), stderr=err)
    assert "cột «Mã đảng viên»: Thiếu cột bắt buộc." in err.getvalue()
    with pytest.raises(CommandError, match="Không có đợt"):
        run("evaluation_import", str(path), "--cycle", "NOPE")


def test_import_refuses_an_archive_bomb_in_under_a_second(world, tmp_path):
    from tochuc.core.tests.bombs import xlsx_bomb

    run("evaluation_cycle", "C25", "--unit", "T01-X01", "--kind", "annual", "--year", "2025")
    path = tmp_path / "bom.xlsx"
    path.write_bytes(xlsx_bomb())
    started = time.monotonic()
    with pytest.raises(CommandError, match="bom nén"):
        run("evaluation_import", str(path), "--cycle", "C25")
    assert time.monotonic() - started < 1
    assert not EvaluationCycle.objects.get(code="C25").evaluations.filter(stage=Stage.APPRAISAL).exists()
    assert not AuditEvent.objects.filter(action="evaluation.import").exists()
