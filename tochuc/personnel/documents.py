"""The decision (Quyết định) of a decided appointment, re-appointment or nomination, in Word.

The document follows the Party layout of ``tochuc.core.documents.word``; the header,
the symbol and the signing capacity come from the unit that ran the procedure
(``issuing_body``: "ĐẢNG BỘ TỈNH HÀ TĨNH / ĐẢNG ỦY XÃ AN BÌNH", "T/M BAN
THƯỜNG VỤ"). Everything is worded from what the procedure recorded:

- the number (``decision_number``) and the date (``decided_on``);
- the legal bases: the Party Statute, the rule pack's regulation (its
  ``citation``), how many meetings were held, and the result of the last one
  (date, convened, present, the candidate's votes);
- Điều 1: the person (birth date, current post before the term) and the title
  of the unit, for ``term_months`` from ``term_start``; Điều 2: the term;
  Điều 3: who executes it;
- the signature block (the approver recorded on the procedure, else the user
  who recorded the decision) and the recipients (the superior for the record,
  the person, the unit, the archive).

A wording the unit wants otherwise is corrected by hand in the file: the
document is a well-formed starting point, not the signed original.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tochuc.core.documents.word import Block, PartyDocument, render_party_document
from tochuc.directives.documents import IssuingBody, issuing_body
from tochuc.personnel.models import (
    Ballot,
    Participant,
    ParticipantRole,
    Procedure,
    ProcedureKind,
    ProcedureStep,
    StepOutcome,
)
from tochuc.personnel.rules import get_pack
from tochuc.personnel.selectors import step_labels
from tochuc.positions.models import Assignment

DECIDE_WORD = "QUYẾT ĐỊNH:"

# The verb of Điều 1 and of the subject line, by kind of procedure.
VERBS: dict[str, str] = {
    ProcedureKind.APPOINTMENT: "bổ nhiệm",
    ProcedureKind.REAPPOINTMENT: "bổ nhiệm lại",
    ProcedureKind.NOMINATION: "giới thiệu",
    ProcedureKind.DESIGNATION: "chỉ định",
}


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _percent(part: int, whole: int) -> str:
    """ "66,7" — one decimal, Vietnamese decimal comma."""
    return f"{100 * part / whole:.1f}".replace(".", ",") if whole else "0"


def authority(body: IssuingBody) -> str:
    """The collective that decides, as the line above the bases reads: "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ AN BÌNH"."""
    capacity = body.capacity.upper()
    if not capacity.startswith("T/M "):
        return body.name
    collective = capacity[4:].strip()
    if body.code == "TW":
        return collective
    if body.name.startswith(collective):  # "T/M ĐẢNG ỦY" + "ĐẢNG ỦY …", "T/M CHI BỘ" + "CHI BỘ …"
        return body.name
    return f"{collective} {body.name}"


def passed_steps(procedure: Procedure) -> list[ProcedureStep]:
    """The meetings that passed, in the pack's order (a repeated meeting counts once, the passing one)."""
    return list(
        procedure.steps.filter(outcome=StepOutcome.PASSED)
        .order_by("order", "attempt")
        .prefetch_related("ballots")
    )


def _candidate_votes(procedure: Procedure, step: ProcedureStep) -> int | None:
    ballots: list[Ballot] = list(step.ballots.all())
    for ballot in ballots:
        if ballot.candidate_id == procedure.candidate_id:
            return ballot.votes_for
    for ballot in ballots:
        if ballot.candidate_name == procedure.candidate.full_name:
            return ballot.votes_for
    return None


def current_post(procedure: Procedure) -> str:
    """What the person held just before the term: open posts other than this one, else the file's wording."""
    person = procedure.candidate
    start = procedure.term_start or procedure.decided_on or procedure.file_received_on
    held = (
        Assignment.objects.filter(person=person, start__lt=start)
        .exclude(end__lt=start)
        .select_related("position__unit", "position__title")
        .order_by("start", "pk")
    )
    if procedure.position_id is not None:
        held = held.exclude(position_id=procedure.position_id)
    posts = [
        f"{a.position.title.name if a.position.title else a.position.name}, {a.position.unit.name}"
        for a in held
    ]
    if posts:
        return "; ".join(posts)
    if person.current_post:
        workplace = person.workplace or person.unit.name
        return (
            person.current_post if workplace in person.current_post else f"{person.current_post}, {workplace}"
        )
    return f"đảng viên {person.unit.name}"


def _post_words(procedure: Procedure) -> str:
    """ "Phó Bí thư Đảng ủy xã, Đảng bộ xã An Bình" (the unit is named unless the title already names it)."""
    title = procedure.title.name
    unit = procedure.unit.name
    return title if unit in title else f"{title}, {unit}"


def _signer(procedure: Procedure) -> str:
    approver = (
        Participant.objects.filter(procedure=procedure, role=ParticipantRole.APPROVER)
        .select_related("person")
        .order_by("id")
        .first()
    )
    if approver is not None:
        return approver.person.full_name
    user = procedure.decided_by
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person is not None else str(getattr(user, "full_name", "") or "")


def _number(procedure: Procedure) -> str:
    number = procedure.decision_number.strip()
    return re.sub(r"^số\s+", "", number, flags=re.IGNORECASE)


def subject(procedure: Procedure) -> str:
    """ "về việc bổ nhiệm đồng chí Nguyễn Văn An giữ chức Phó Bí thư Đảng ủy xã, Đảng bộ xã An Bình"."""
    name = procedure.candidate.full_name
    if procedure.kind == ProcedureKind.NOMINATION:
        return f"về việc giới thiệu đồng chí {name} ứng cử chức danh {_post_words(procedure)}"
    return (
        f"về việc {VERBS.get(procedure.kind, 'bổ nhiệm')} đồng chí {name} giữ chức {_post_words(procedure)}"
    )


def bases(procedure: Procedure, body: IssuingBody) -> list[str]:
    """The "Căn cứ …" lines: the Statute, the pack's regulation, the meetings and the last one's result."""
    pack = get_pack(procedure.pack)
    lines = [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        f"Căn cứ {pack.citation} và các quy định hiện hành của Đảng về công tác cán bộ;",
    ]
    steps = passed_steps(procedure)
    held = procedure.steps.count()
    if steps:
        last = steps[-1]
        label = step_labels(procedure).get(last.order, "hội nghị")
        votes = _candidate_votes(procedure, last)
        result = (
            f"đồng chí {procedure.candidate.full_name} được {votes}/{last.convened} phiếu đồng ý "
            f"({_percent(votes, last.convened)}% tổng số được triệu tập)"
            if votes is not None
            else "thống nhất đề xuất"
        )
        lines.append(
            f"Căn cứ kết quả thực hiện quy trình {VERBS.get(procedure.kind, 'bổ nhiệm')} cán bộ "
            f"({len(steps)} bước, {held} hội nghị) và kết quả {label[:1].lower() + label[1:]} ngày "
            f"{_date(last.held_on)}: triệu tập {last.convened} đồng chí, có mặt {last.present} đồng chí, "
            f"{result};"
        )
    lines.append(f"Xét đề nghị của cơ quan tham mưu về tổ chức, cán bộ của {body.label},")
    return lines


def articles(procedure: Procedure, body: IssuingBody) -> list[str]:
    """Điều 1, Điều 2, Điều 3."""
    person = procedure.candidate
    start = procedure.term_start or procedure.decided_on
    months = procedure.term_months
    span = f"{months} tháng" + (f" ({months // 12} năm)" if months % 12 == 0 else "")
    who = f"đồng chí {person.full_name}, sinh ngày {_date(person.birth_date)}, hiện là {current_post(procedure)}"
    if procedure.kind == ProcedureKind.NOMINATION:
        first = (
            f"Điều 1. Giới thiệu {who}, ứng cử chức danh {_post_words(procedure)}; "
            f"thời hạn giữ chức vụ khi trúng cử là {span} kể từ ngày {_date(start)}."
        )
        second = (
            f"Điều 2. Trường hợp trúng cử, thời hạn giữ chức vụ từ ngày {_date(start)} "
            f"đến ngày {_date(procedure.term_end)}."
        )
    else:
        verb = VERBS.get(procedure.kind, "bổ nhiệm")
        first = (
            f"Điều 1. {verb[:1].upper() + verb[1:]} {who}, giữ chức {_post_words(procedure)}"
            + (
                f" (vị trí {procedure.position.name})"
                if procedure.position and procedure.position.name != procedure.title.name
                else ""
            )
            + f"; thời hạn giữ chức vụ là {span} kể từ ngày {_date(start)}."
        )
        second = (
            f"Điều 2. Thời hạn giữ chức vụ của đồng chí {person.full_name} tính từ ngày {_date(start)} "
            f"đến ngày {_date(procedure.term_end)}."
        )
    third = (
        f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. Các cơ quan tham mưu, giúp việc của {body.label}, "
        f"{procedure.unit.name}, các cơ quan, đơn vị có liên quan và đồng chí {person.full_name} "
        "căn cứ Quyết định thi hành."
    )
    return [first, second, third]


def recipients(procedure: Procedure) -> list[str]:
    found = ["Như Điều 3"]
    parent = procedure.unit.parent
    if parent is not None:
        found.append(f"{parent.name} (để báo cáo)")
    found.append(f"Đồng chí {procedure.candidate.full_name}")
    found.append(procedure.unit.name)
    if procedure.candidate.unit_id != procedure.unit_id:
        found.append(procedure.candidate.unit.name)
    found.append("Lưu Văn phòng, hồ sơ cán bộ")
    return found


def decision(procedure: Procedure) -> PartyDocument:
    """The Quyết định of a decided procedure (see the module docstring)."""
    body = issuing_body(procedure.unit)
    paragraphs: list[Block] = [
        authority(body),
        *bases(procedure, body),
        DECIDE_WORD,
        *articles(procedure, body),
    ]
    return PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=_number(procedure),
        place=body.place,
        date=procedure.decided_on,
        doc_type_name="QUYẾT ĐỊNH",
        title=subject(procedure),
        paragraphs=paragraphs,
        signing_capacity=body.capacity,
        signer_position=body.position,
        signer_name=_signer(procedure),
        recipients=recipients(procedure),
    )


def _centre(content: bytes, lines: set[str]) -> bytes:
    """Centre and embolden the authority line and "QUYẾT ĐỊNH:", as a decision sets them."""
    document = Document(io.BytesIO(content))
    for paragraph in document.paragraphs:
        if paragraph.text in lines:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = None
            for run in paragraph.runs:
                run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def decision_docx(procedure: Procedure) -> bytes:
    doc = decision(procedure)
    return _centre(render_party_document(doc), {DECIDE_WORD, str(doc.paragraphs[0])})


def file_stem(procedure: Procedure) -> str:
    """ "Quyết định 15-QĐ-ĐU Hoàng Văn Em"."""
    number = re.sub(r"[^0-9A-Za-zĐđ]+", "-", _number(procedure)).strip("-")
    return " ".join(part for part in ("Quyết định", number, procedure.candidate.full_name) if part)
