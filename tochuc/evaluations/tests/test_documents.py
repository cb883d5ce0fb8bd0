"""The Word documents of a cycle: what a reader finds in them, and who may download them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.core.documents.word import DOCX
from tochuc.evaluations import documents
from tochuc.evaluations.models import (
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    Frame,
    Justification,
    Rating,
    Stage,
    SubjectKind,
)
from tochuc.people.services import person_create

pytestmark = pytest.mark.django_db


def _person(unit: Any, code: str, name: str, **values: Any) -> Any:
    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": name, "birth_date": dt.date(1980, 5, 1), "gender": "male", **values},
    )


def _decided(cycle: Any, unit: Any, person: Any, rating: str, score: str, **extra: Any) -> Evaluation:
    return Evaluation.objects.create(
        cycle=cycle,
        unit=unit,
        person=person,
        subject_kind=SubjectKind.INDIVIDUAL if person else SubjectKind.COLLECTIVE,
        frame=extra.pop("frame", Frame.NON_LEADER if person else Frame.COLLECTIVE),
        stage=Stage.DECIDED,
        self_score=Decimal(score),
        self_rating=rating,
        final_score=Decimal(score),
        final_rating=rating,
        **extra,
    )


@pytest.fixture
def cycle(tree: Any, inside: Any) -> dict[str, Any]:
    cycle = EvaluationCycle.objects.create(
        code="DG2024-T01",
        name="Đánh giá năm 2024",
        unit=tree.province,
        year=2024,
        pack="qd366-2025",
        status=CycleStatus.CLOSED,
    )
    head = _person(tree.cell, "P-HEAD", "Trần Văn Bình", current_post="Bí thư chi bộ")
    member = _person(tree.cell, "P-MEM", "Nguyễn Thị Ánh Tuyết", workplace="Trường THPT An Bình")
    retired = _person(tree.cell, "P-OUT", "Lê Văn Hưu")
    collective = _decided(
        cycle,
        tree.cell,
        None,
        Rating.GOOD,
        "82",
        self_review="Chi bộ lãnh đạo hoàn thành tốt nhiệm vụ chính trị năm học.",
        tasks_total=20,
        tasks_done=20,
        tasks_on_time=19,
        tasks_late=1,
    )
    head_eval = _decided(
        cycle,
        tree.cell,
        head,
        Rating.GOOD,
        "81.5",
        frame=Frame.LEADER,
        is_head=True,
        tasks_total=20,
        tasks_done=20,
        tasks_on_time=19,
        tasks_late=1,
        low_confidence_share=Decimal("0.05"),
        self_review="Lãnh đạo chi bộ hoàn thành tốt nhiệm vụ.",
    )
    member_eval = _decided(
        cycle,
        tree.cell,
        member,
        Rating.EXCELLENT,
        "92",
        self_criteria={"general": 28, "tasks": 64},
        self_review="Giảng dạy đạt kết quả cao.\nCó sáng kiến được công nhận.",
        evidence="Quyết định công nhận sáng kiến số 12/QĐ-SGD.",
        comments="Tập thể thống nhất.",
        suggested_rating=Rating.EXCELLENT,
        proposed_rating=Rating.EXCELLENT,
    )
    outside_eval = _decided(cycle, tree.cell, retired, Rating.COMPLETED, "65", frame=Frame.OUTSIDE)
    _decided(cycle, tree.grassroots, None, Rating.GOOD, "80")
    Justification.objects.create(
        cycle=cycle,
        rule="inflation_pattern",
        unit=tree.cell,
        text="Chi bộ đã rà soát từng trường hợp.",
        author=inside,
    )
    Justification.objects.create(
        cycle=cycle,
        rule="identical_scores",
        unit=tree.cell,
        person=member,
        text="Chấm theo phiếu thống nhất.",
        author=inside,
    )
    return {
        "cycle": cycle,
        "collective": collective,
        "head": head_eval,
        "member": member_eval,
        "outside": outside_eval,
    }


def _read(content: bytes) -> tuple[str, list[list[str]]]:
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = []
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            rows.append(cells)
            text += "\n" + " | ".join(cells)
    return text, rows


def test_self_review_form_follows_the_frame(cycle: dict[str, Any]) -> None:
    today = dt.date(2025, 1, 10)
    text, rows = _read(documents.self_review_docx(cycle["member"], today=today))
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in text
    assert "Năm 2024" in text
    assert "Mẫu 2A" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ngày 10 tháng 01 năm 2025" in text
    assert "Nguyễn Thị Ánh Tuyết" in text and "P-MEM" in text
    assert "Có sáng kiến được công nhận." in text
    assert "Quyết định công nhận sáng kiến số 12/QĐ-SGD." in text
    assert "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)" in text
    # The criteria table ends with the total of the self points.
    assert any(r[1] == "Tổng cộng" and r[3] == "92,0" for r in rows)
    assert any(r[0] == "1" and len(r) == 4 for r in rows)
    # The name is printed under the signature line.
    assert rows and "NGƯỜI TỰ KIỂM ĐIỂM" in text

    leader_text, leader_rows = _read(documents.self_review_docx(cycle["head"], today=today))
    assert "Mẫu 2B" in leader_text
    assert "ĐƠN VỊ ĐƯỢC GIAO LÃNH ĐẠO" in leader_text
    assert any(r[0] == "20" and r[1].startswith("20 (100,0 %)") for r in leader_rows)
    assert "5,0 %" in leader_text  # low-confidence share

    outside_text, _ = _read(documents.self_review_docx(cycle["outside"], today=today))
    assert "Mẫu 2C" in outside_text
    assert "không làm việc trong hệ thống chính trị" in outside_text
    assert "Hoàn thành nhiệm vụ (HTNV)" in outside_text


def test_collective_report_lists_members_and_subordinates(tree: Any, cycle: dict[str, Any]) -> None:
    data = documents.collective_data(cycle["cycle"], tree.cell)
    text, rows = _read(documents.collective_report_docx(data, today=dt.date(2025, 1, 10)))
    assert f"BÁO CÁO KIỂM ĐIỂM TẬP THỂ {tree.cell.name.upper()}" in text
    assert "Mẫu 01" in text
    assert "Chi bộ lãnh đạo hoàn thành tốt nhiệm vụ chính trị năm học." in text
    assert "Hoàn thành tốt nhiệm vụ (HTTNV), 82,0 điểm" in text
    members = {r[2]: r for r in rows if len(r) == 6 and r[0].isdigit()}
    assert set(members) == {"P-HEAD", "P-MEM", "P-OUT"}
    assert members["P-HEAD"][3] == "Người đứng đầu" and members["P-HEAD"][0] == "1"
    assert members["P-MEM"][4:] == ["92,0", "HTXSNV"]
    assert "Đã xếp loại 3 đảng viên" in text
    assert "T/M CHI BỘ" in text and "Trần Văn Bình" in text

    # One level up: the grassroots organization lists its cell's collective rating.
    up = documents.collective_data(cycle["cycle"], tree.grassroots)
    up_text, up_rows = _read(documents.collective_report_docx(up, today=dt.date(2025, 1, 10)))
    assert "CÁC TỔ CHỨC TRỰC THUỘC" in up_text
    assert [tree.cell.name, tree.cell.code, "82,0", "HTTNV"] in [r[1:] for r in up_rows if len(r) == 5]


def test_cycle_summary_counts_shares_and_justified_findings(tree: Any, cycle: dict[str, Any]) -> None:
    data = documents.summary_data(cycle["cycle"])
    assert data.individuals.rated == 3
    assert data.collectives.rated == 2
    text, rows = _read(documents.cycle_summary_docx(data, today=dt.date(2025, 1, 10)))
    assert documents.SUMMARY_TITLE in text
    assert "DG2024-T01" in text
    individuals = next(r for r in rows if r[0] == "Cá nhân")
    assert individuals[1:7] == ["3", "1 (33,3 %)", "1 (33,3 %)", "1 (33,3 %)", "0 (0,0 %)", "0"]
    # Per child unit of the province: the commune holding the cell has the three people.
    commune = next(r for r in rows if r[0] == tree.commune.name)
    assert commune[1] == "3"
    other = next(r for r in rows if r[0] == tree.commune2.name)
    assert other[1] == "0" and other[2] == "0 (–)"
    justified = [r for r in rows if r[1] in {"inflation_pattern", "identical_scores"}]
    assert len(justified) == 2
    assert "Chi bộ đã rà soát từng trường hợp." in text
    assert any("Nguyễn Thị Ánh Tuyết (P-MEM)" in r[3] for r in justified)
    assert all(r[5].startswith("Inside") for r in justified)


def test_criteria_fall_back_when_the_pack_has_none() -> None:
    rows = documents.criteria_for("no-such-pack", Frame.NON_LEADER)
    assert rows.from_pack is False
    assert [m for _, _, m in rows.rows] == [30, 70]


# --- Downloads --------------------------------------------------------------------------


def _urls(tree: Any, cycle: dict[str, Any]) -> list[str]:
    code = cycle["cycle"].code
    return [
        reverse("evaluations:self_review_docx", args=[cycle["member"].pk]),
        reverse("evaluations:collective_report_docx", args=[code, tree.cell.code]),
        reverse("evaluations:cycle_summary_docx", args=[code]),
    ]


def test_inside_downloads_each_document_with_an_audit_event(
    tree: Any, cycle: dict[str, Any], inside: Any
) -> None:
    client = login(inside)
    for url, expected in zip(
        _urls(tree, cycle),
        ["BẢN KIỂM ĐIỂM CÁ NHÂN", "BÁO CÁO KIỂM ĐIỂM TẬP THỂ", documents.SUMMARY_TITLE],
        strict=True,
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == DOCX
        disposition = response["Content-Disposition"]
        ascii_name = disposition.split('filename="')[1].split('"')[0]
        assert ascii_name.isascii() and ascii_name.endswith(".docx")
        utf8 = unquote(disposition.split("filename*=UTF-8''")[1])
        assert utf8.endswith(".docx")
        text, _ = _read(response.content)
        assert expected in text
    name = unquote(client.get(_urls(tree, cycle)[0])["Content-Disposition"].split("UTF-8''")[1])
    assert "Nguyễn Thị Ánh Tuyết" in name and "2A" in name
    events = AuditEvent.objects.filter(action="evaluation.document_export").order_by("seq")
    assert [e.summary["document"] for e in events] == ["2A", "01", "summary", "2A"]
    assert all(e.actor_label == "inside" for e in events)


def test_leader_of_the_commune_gets_unit_documents_but_not_the_province_summary(
    tree: Any, cycle: dict[str, Any], leader: Any
) -> None:
    client = login(leader)
    self_review, report, summary = _urls(tree, cycle)
    assert client.get(self_review).status_code == 200
    assert client.get(report).status_code == 200
    assert client.get(summary).status_code == 404


def test_outside_gets_404_and_nothing_is_recorded(tree: Any, cycle: dict[str, Any], outside: Any) -> None:
    client = login(outside)
    for url in _urls(tree, cycle):
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="evaluation.document_export").exists()


def test_unit_outside_the_cycle_and_collective_self_review_are_404(
    tree: Any, cycle: dict[str, Any], admin: Any
) -> None:
    client = login(admin)
    code = cycle["cycle"].code
    assert client.get(reverse("evaluations:collective_report_docx", args=[code, "T02"])).status_code == 404
    url = reverse("evaluations:self_review_docx", args=[cycle["collective"].pk])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client: Any, tree: Any, cycle: dict[str, Any]) -> None:
    for url in _urls(tree, cycle):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_open_cycle_report_shows_how_far_each_member_got(tree: Any, cycle: dict[str, Any]) -> None:
    open_cycle = EvaluationCycle.objects.create(
        code="DG2025-T01", name="Đánh giá năm 2025", unit=tree.province, year=2025, pack="qd366-2025"
    )
    person = cycle["member"].person
    Evaluation.objects.create(
        cycle=open_cycle,
        unit=tree.cell,
        person=person,
        subject_kind=SubjectKind.INDIVIDUAL,
        frame=Frame.NON_LEADER,
        stage=Stage.APPRAISAL,
        self_score=Decimal("85"),
        self_rating=Rating.GOOD,
        proposed_score=Decimal("84"),
        proposed_rating=Rating.GOOD,
    )
    data = documents.collective_data(open_cycle, tree.cell)
    text, rows = _read(documents.collective_report_docx(data, today=timezone.localdate()))
    assert "Năm 2025" in text
    assert ["1", person.full_name, person.code, "", "84,0", "HTTNV (đề xuất)"] in rows
    assert "Tập thể chưa có trong đợt đánh giá." in text
