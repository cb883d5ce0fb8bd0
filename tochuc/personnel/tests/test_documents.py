"""The decision (Quyết định) of a decided procedure, in Word, and who may download it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.core.actors import Actor
from tochuc.core.documents.word import DOCX
from tochuc.personnel import documents
from tochuc.personnel.models import ProcedureKind, ProcedureStatus
from tochuc.personnel.services import procedure_decide, procedure_open, step_record
from tochuc.positions.models import Assignment, AssignmentKind, Position, PositionGroup, Title

RECEIVED = dt.date(2026, 3, 2)


def _url(pk: int) -> str:
    return f"/personnel/procedures/{pk}/decision.docx"


def _meeting(actor: Actor | None, procedure: Any, day: int, *, present: int = 12, votes: int = 10) -> Any:
    return step_record(
        actor=actor,
        procedure=procedure,
        held_on=dt.date(2026, 3, day),
        convened=15,
        present=present,
        votes={procedure.candidate.full_name: votes, "Ngô Văn Khánh": 2},
    )


def _open(inside: Any, tree: Any, title: Any, person: Any, **kwargs: Any) -> Any:
    return procedure_open(
        actor=inside,
        kind=kwargs.pop("kind", ProcedureKind.APPOINTMENT),
        unit=tree.commune,
        title=title,
        candidate=person,
        file_received_on=RECEIVED,
        justification="Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch.",
        **kwargs,
    )


@pytest.fixture
def decided(
    inside: Any, leader: Any, tree: Any, vice_title: Any, vice_position: Any, make_person: Any
) -> Any:
    """Five meetings (the second repeated after failing quorum), then decision 15-QĐ/ĐU of 20/03/2026."""
    person = make_person("Hoàng Văn Em", born=dt.date(1981, 7, 4))
    head = Title.objects.create(name="Trưởng Ban Xây dựng Đảng", is_leadership=True)
    post = Position.objects.create(
        unit=tree.commune, title=head, name="Trưởng Ban Xây dựng Đảng", group=PositionGroup.LEADERSHIP
    )
    Assignment.objects.create(
        person=person, position=post, kind=AssignmentKind.HOLDER, start=dt.date(2021, 1, 1)
    )
    approver = make_person("Trần Văn Quyết", born=dt.date(1970, 1, 1))
    procedure = _open(inside, tree, vice_title, person, position=vice_position, approver=approver)
    _meeting(inside, procedure, 3)
    _meeting(inside, procedure, 4, present=9, votes=8)  # no quorum: 9 < 2/3 of 15
    _meeting(inside, procedure, 5)
    _meeting(inside, procedure, 6)
    _meeting(inside, procedure, 9)
    _meeting(inside, procedure, 10, present=14, votes=11)
    return procedure_decide(
        actor=leader, procedure=procedure, decision_number="15-QĐ/ĐU", decided_on=dt.date(2026, 3, 20)
    )


def _text(content: bytes) -> tuple[str, str, list[str]]:
    """(header text, footer text, body paragraphs) of a .docx."""
    document = Document(io.BytesIO(content))
    header, footer = document.tables[0], document.tables[-1]

    def cells(table: Any) -> str:
        return "\n".join(p.text for cell in table.rows[0].cells for p in cell.paragraphs)

    return cells(header), cells(footer), [p.text for p in document.paragraphs]


def test_the_decision_reads_like_a_party_decision(decided: Any) -> None:
    header, footer, body = _text(documents.decision_docx(decided))
    assert "ĐẢNG BỘ TỈNH HÀ TĨNH" in header
    assert "ĐẢNG ỦY XÃ AN BÌNH" in header
    assert "Số 15-QĐ/ĐU" in header
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    assert "Hà Tĩnh, ngày 20 tháng 03 năm 2026" in header
    assert "QUYẾT ĐỊNH" in body
    assert "về việc bổ nhiệm đồng chí Hoàng Văn Em giữ chức Phó Bí thư Đảng ủy xã, Đảng bộ xã An Bình" in body
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ AN BÌNH" in body
    text = "\n".join(body)
    assert "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in body
    assert "Căn cứ Quy định 377-QĐ/TW" in text
    # The last meeting: date, convened, present, the candidate's votes; and the six meetings held.
    assert "(5 bước, 6 hội nghị)" in text
    assert "hội nghị tập thể lãnh đạo (lần 3) ngày 10/03/2026" in text
    assert "triệu tập 15 đồng chí, có mặt 14 đồng chí" in text
    assert "đồng chí Hoàng Văn Em được 11/15 phiếu đồng ý (73,3% tổng số được triệu tập)" in text
    assert "QUYẾT ĐỊNH:" in body
    first = next(p for p in body if p.startswith("Điều 1."))
    assert "Bổ nhiệm đồng chí Hoàng Văn Em, sinh ngày 04/07/1981" in first
    assert "hiện là Trưởng Ban Xây dựng Đảng, Đảng bộ xã An Bình" in first
    assert "giữ chức Phó Bí thư Đảng ủy xã, Đảng bộ xã An Bình" in first
    assert "60 tháng (5 năm) kể từ ngày 20/03/2026" in first
    second = next(p for p in body if p.startswith("Điều 2."))
    assert "từ ngày 20/03/2026 đến ngày 19/03/2031" in second
    third = next(p for p in body if p.startswith("Điều 3."))
    assert "đồng chí Hoàng Văn Em căn cứ Quyết định thi hành" in third
    assert "T/M BAN THƯỜNG VỤ" in footer
    assert "BÍ THƯ" in footer
    assert "Trần Văn Quyết" in footer
    assert "Nơi nhận:" in footer
    assert "- Đảng bộ tỉnh Hà Tĩnh (để báo cáo)," in footer
    assert "- Đồng chí Hoàng Văn Em," in footer
    assert "- Lưu Văn phòng, hồ sơ cán bộ." in footer


def test_reappointment_and_nomination_have_their_own_words(
    inside: Any, leader: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    for kind, words in (
        (ProcedureKind.REAPPOINTMENT, "về việc bổ nhiệm lại đồng chí"),
        (ProcedureKind.NOMINATION, "về việc giới thiệu đồng chí"),
    ):
        person = make_person("Phan Văn Hùng", current_post="Chánh Văn phòng Đảng ủy")
        procedure = _open(inside, tree, vice_title, person, kind=kind, is_internal=False)
        for day in (3, 4, 5):
            _meeting(inside, procedure, day)
        decided = procedure_decide(
            actor=leader, procedure=procedure, decision_number="Số 7-QĐ/ĐU", decided_on=dt.date(2026, 3, 9)
        )
        header, _, body = _text(documents.decision_docx(decided))
        assert "Số 7-QĐ/ĐU" in header and "Số Số" not in header
        assert any(p.startswith(words) for p in body)
        text = "\n".join(body)
        assert "hiện là Chánh Văn phòng Đảng ủy, Đảng bộ xã An Bình" in text
        assert "(3 bước, 3 hội nghị)" in text
        if kind == ProcedureKind.NOMINATION:
            assert "ứng cử chức danh Phó Bí thư Đảng ủy xã" in text
        else:
            assert "Điều 1. Bổ nhiệm lại đồng chí Phan Văn Hùng" in text


def test_inside_downloads_it_and_the_download_is_audited(inside: Any, decided: Any) -> None:
    response = login(inside).get(_url(decided.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    disposition = response["Content-Disposition"]
    assert 'filename="quyet-dinh-15-qd-du-hoang-van-em.docx"' in disposition
    assert "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh" in disposition
    _, _, body = _text(response.content)
    assert any(p.startswith("Điều 1. Bổ nhiệm đồng chí Hoàng Văn Em") for p in body)
    event = AuditEvent.objects.get(action="procedure.decision_export")
    assert event.object_id == str(decided.pk)
    assert event.actor_id == inside.pk


def test_outside_gets_404_and_anonymous_is_sent_to_login(outside: Any, client: Any, decided: Any) -> None:
    assert login(outside).get(_url(decided.pk)).status_code == 404
    response = client.get(_url(decided.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not AuditEvent.objects.filter(action="procedure.decision_export").exists()


def test_no_decision_before_the_procedure_is_decided(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = _open(inside, tree, vice_title, make_person("Lâm Văn Sơn"), is_internal=False)
    client = login(inside)
    assert client.get(_url(procedure.pk)).status_code == 404
    for day in (3, 4, 5):
        _meeting(inside, procedure, day)
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED
    assert client.get(_url(procedure.pk)).status_code == 404
    assert client.get(_url(999_999)).status_code == 404
