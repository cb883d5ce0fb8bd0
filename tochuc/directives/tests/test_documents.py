"""Outgoing Word documents: a unit's implementation plan and progress report, opened and read back."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from docx import Document

from tochuc.conftest import Tree
from tochuc.directives.documents import issuing_body, plan_docx, progress_docx
from tochuc.directives.models import Directive, ProductKind, ProgressReport, ReportPeriod, Task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)


@dataclass
class Setup:
    directive: Directive
    province_task: Task
    child: Task
    other_task: Task


def _task(directive: Directive, lead: Any, assigner: Any, no: str, text: str, **fields: Any) -> Task:
    return Task.objects.create(
        directive=directive,
        assigned_by=assigner,
        lead_unit=lead,
        lead_path=lead.path,
        no=no,
        text=text,
        **fields,
    )


@pytest.fixture
def setup(tree: Tree) -> Setup:
    directive = Directive.objects.create(
        doc_type="KL",
        number="03",
        symbol="KL/BTCTW",
        number_symbol="03-KL/BTCTW",
        issuer="Ban Tổ chức Trung ương",
        issuer_code="BTCTW",
        term="2015-2020",
        place="Hà Nội",
        issued_on=dt.date(2017, 3, 16),
        title="Hội nghị toàn quốc Ngành Tổ chức xây dựng Đảng năm 2017",
        report_periods=["3 tháng", "6 tháng"],
        unit=tree.commission,
    )
    province_task = _task(
        directive,
        tree.province,
        tree.commission,
        "8",
        "Tăng cường công tác kiểm tra, giám sát",
        deadline=TODAY + dt.timedelta(days=45),
        product_kind=ProductKind.REPORT,
        product="Báo cáo kết quả kiểm tra",
        percent=50,
        last_report_on=TODAY - dt.timedelta(days=7),
    )
    province_task.cooperating_units.set([tree.department])
    child = _task(
        directive,
        tree.commune,
        tree.province,
        "8.1",
        "Tự kiểm tra việc thực hiện Điều lệ Đảng",
        parent=province_task,
        deadline=TODAY - dt.timedelta(days=5),
        percent=70,
        last_report_on=TODAY - dt.timedelta(days=9),
    )
    ProgressReport.objects.create(
        task=child,
        reported_on=TODAY - dt.timedelta(days=9),
        percent=70,
        narrative="Đã kiểm tra 3 chi bộ thôn; còn 2 chi bộ.",
    )
    ProgressReport.objects.create(
        task=province_task,
        reported_on=TODAY - dt.timedelta(days=7),
        percent=50,
        narrative="Đã ban hành kế hoạch kiểm tra toàn khóa.",
    )
    other_task = _task(
        directive,
        tree.other_province,
        tree.commission,
        "5",
        "Xây dựng đề án vị trí việc làm",
        report_period=ReportPeriod.QUARTERLY,
        product_kind=ProductKind.SCHEME,
    )
    return Setup(directive, province_task, child, other_task)


def _open(content: bytes) -> Any:
    return Document(io.BytesIO(content))


def _cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _paragraphs(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def test_issuing_body_follows_the_unit_kind(tree: Tree) -> None:
    province = issuing_body(tree.province)
    assert (province.superior, province.name, province.code, province.place) == (
        "",
        "TỈNH ỦY HÀ TĨNH",
        "TU",
        "Hà Tĩnh",
    )
    commune = issuing_body(tree.commune)
    assert (commune.superior, commune.name, commune.code) == (
        "ĐẢNG BỘ TỈNH HÀ TĨNH",
        "ĐẢNG ỦY XÃ AN BÌNH",
        "ĐU",
    )
    cell = issuing_body(tree.cell)
    assert (cell.name, cell.code, cell.capacity) == ("CHI BỘ TỔ TOÁN – TIN", "CB", "T/M CHI BỘ")
    commission = issuing_body(tree.commission)
    assert (commission.superior, commission.name, commission.place) == (
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "BAN TỔ CHỨC TRUNG ƯƠNG",
        "Hà Nội",
    )


def test_plan_of_a_province_lists_what_it_leads_and_what_it_assigned(setup: Setup, tree: Tree) -> None:
    document = _open(plan_docx(setup.directive, tree.province, today=TODAY))
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY HÀ TĨNH", "*", "Số      -KH/TU"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.paragraphs[-1].text == "Hà Tĩnh, ngày 26 tháng 11 năm 2026"
    texts = _paragraphs(document)
    assert "KẾ HOẠCH" in texts
    assert "thực hiện Kết luận số 03-KL/BTCTW, ngày 16/3/2017 của Ban Tổ chức Trung ương" in texts
    assert any(
        t.startswith("Thực hiện Kết luận số 03-KL/BTCTW") and "Tỉnh ủy Hà Tĩnh xây dựng" in t for t in texts
    )
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"):
        assert heading in texts
    assert any("định kỳ 3 tháng, 6 tháng" in t for t in texts)
    rows = _cells(document.tables[1])
    assert rows[0] == [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Sản phẩm",
    ]
    deadline = (TODAY + dt.timedelta(days=45)).strftime("%d/%m/%Y")
    assert rows[1] == [
        "1",
        "Tăng cường công tác kiểm tra, giám sát",
        "Đảng bộ tỉnh Hà Tĩnh",
        "Vụ Tổ chức đảng, đảng viên",
        deadline,
        "Báo cáo kết quả kiểm tra",
    ]
    assert rows[2][:3] == ["1.1", "Tự kiểm tra việc thực hiện Điều lệ Đảng", "Đảng bộ xã An Bình"]
    # The other province's task is not in this province's plan.
    assert len(rows) == 3
    signature = [t.text for t in document.tables[-1].rows[0].cells[1].paragraphs if t.text]
    assert signature == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    recipients = [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients[0] == "Nơi nhận:"
    assert "- Ban Tổ chức Trung ương (để báo cáo)," in recipients
    assert "- Đảng bộ xã An Bình (để thực hiện)," in recipients
    assert recipients[-1] == "- Lưu Văn phòng."


def test_plan_of_the_assigning_body_lists_every_top_level_task(setup: Setup, tree: Tree) -> None:
    document = _open(plan_docx(setup.directive, tree.commission, today=TODAY))
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs] == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "BAN TỔ CHỨC TRUNG ƯƠNG",
        "*",
        "Số      -KH/BTCTW",
    ]
    rows = _cells(document.tables[1])[1:]
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("1", "Đảng bộ tỉnh Hà Tĩnh", (TODAY + dt.timedelta(days=45)).strftime("%d/%m/%Y")),
        ("2", "Đảng bộ tỉnh Quảng Trị", "Định kỳ 3 tháng"),
    ]
    assert rows[1][5] == "Đề án"


def test_progress_report_counts_statuses_and_quotes_the_latest_reports(setup: Setup, tree: Tree) -> None:
    start = dt.date(2026, 1, 1)
    document = _open(progress_docx(setup.directive, tree.province, start=start, end=TODAY, today=TODAY))
    left, right = document.tables[0].rows[0].cells
    assert left.paragraphs[-1].text == "Số      -BC/TU"
    assert right.paragraphs[-1].text == "Hà Tĩnh, ngày 26 tháng 11 năm 2026"
    texts = _paragraphs(document)
    assert "BÁO CÁO" in texts
    assert (
        "kết quả thực hiện Kết luận số 03-KL/BTCTW, ngày 16/3/2017 của Ban Tổ chức Trung ương "
        "(từ ngày 01/01/2026 đến ngày 26/11/2026)"
    ) in texts
    figures = dict((row[0], row[1]) for row in _cells(document.tables[1])[1:])
    assert figures["Quá hạn"] == "1"
    assert figures["Đúng tiến độ"] == "1"
    assert figures["Tổng số"] == "2"
    progress = _cells(document.tables[2])
    assert progress[1][0] == "1" and progress[1][4:] == ["50%", "Đúng tiến độ"]
    assert progress[2][0] == "1.1" and progress[2][4:] == ["70%", "Quá hạn"]
    assert any("Đã kiểm tra 3 chi bộ thôn" in t for t in texts)
    assert any("Đã ban hành kế hoạch kiểm tra toàn khóa" in t for t in texts)
    assert any(t.startswith("- Nhiệm vụ 1.1 (Đảng bộ xã An Bình) quá hạn 5 ngày") for t in texts)
    assert "II. KHÓ KHĂN, VƯỚNG MẮC" in texts


def test_progress_report_period_leaves_out_later_reports(setup: Setup, tree: Tree) -> None:
    end = TODAY - dt.timedelta(days=30)
    document = _open(
        progress_docx(setup.directive, tree.province, start=dt.date(2026, 1, 1), end=end, today=TODAY)
    )
    texts = _paragraphs(document)
    assert not any("Đã kiểm tra 3 chi bộ thôn" in t for t in texts)
    assert any(t.startswith("Chưa có báo cáo tiến độ nào từ ngày 01/01/2026") for t in texts)
    # On the period's last day the commune's task was not yet overdue.
    statuses = [row[5] for row in _cells(document.tables[2])[1:]]
    assert "Quá hạn" not in statuses


def test_a_cooperating_unit_finds_the_task_in_its_plan(setup: Setup, tree: Tree) -> None:
    rows = _cells(_open(plan_docx(setup.directive, tree.department, today=TODAY)).tables[1])[1:]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        ("Tăng cường công tác kiểm tra, giám sát", "Đảng bộ tỉnh Hà Tĩnh", "Vụ Tổ chức đảng, đảng viên")
    ]


def test_a_province_reports_to_the_issuing_body_and_an_unassigned_task_reads_without_double_brackets(
    tree: Tree,
) -> None:
    received = Directive.objects.create(
        doc_type="KL",
        number="12",
        symbol="KL/TW",
        number_symbol="12-KL/TW",
        issuer="Ban Bí thư",
        issuer_code="TW",
        term="2020-2025",
        issued_on=dt.date(2026, 1, 5),
        title="về công tác phát triển đảng viên",
        unit=tree.province,  # registered by the province that received it
    )
    Task.objects.create(
        directive=received, assigned_by=tree.province, no="1", text="Rà soát quần chúng ưu tú"
    )
    document = _open(
        progress_docx(received, tree.province, start=dt.date(2026, 1, 1), end=TODAY, today=TODAY)
    )
    recipients = [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients[1] == "- Ban Bí thư (để báo cáo),"
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert not [t for t in texts if "((" in t or "))" in t]
    assert any("nhiệm vụ 1 (chưa giao đơn vị chủ trì)" in t.lower() for t in texts)
