"""The conclusion of an inspection or supervision in Word, in the Party layout."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.core.documents.word import Heading, PartyDocument, TableBlock, render_party_document
from tochuc.directives.documents import issuing_body
from tochuc.inspections.selectors import InspectionView


def conclusion_document(view: InspectionView) -> PartyDocument:
    """The conclusion as the viewer may read it: a target's side gets its own targets and tasks."""
    inspection = view.inspection
    body = issuing_body(inspection.unit)
    targets = ", ".join(u.name for u in view.targets)
    people = ", ".join(p.full_name for p in view.target_people)
    found = view.progress
    blocks: list[str | Heading | TableBlock] = [
        _(
            "Thực hiện Quyết định %(d)s, từ ngày %(s)s đến ngày %(e)s, đoàn đã tiến hành %(k)s đối với %(t)s%(p)s về: %(sub)s."
        )
        % {
            "d": inspection.decision_number or "—",
            "s": date_format(inspection.start, "d/m/Y"),
            "e": date_format(inspection.end, "d/m/Y"),
            "k": inspection.get_kind_display().lower(),
            "t": targets,
            "p": f" ({people})" if people else "",
            "sub": inspection.subject,
        },
        Heading("I. " + _("Kết luận")),
        *[part for part in inspection.conclusion.splitlines() if part.strip()],
    ]
    if found.tasks:
        blocks.append(Heading("II. " + _("Yêu cầu khắc phục")))
        blocks.append(
            TableBlock(
                headings=[_("TT"), _("Yêu cầu"), _("Đơn vị chủ trì"), _("Thời hạn")],
                rows=[
                    [
                        t.no,
                        t.text,
                        t.lead_unit.name if t.lead_unit else "",
                        date_format(t.deadline, "d/m/Y") if t.deadline else "",
                    ]
                    for t in found.tasks
                ],
                widths_mm=(12, 83, 45, 25),
            )
        )
    if found.discipline:
        blocks.append(Heading("III. " + _("Đề nghị xem xét kỷ luật")))
        for proposal, _decided in found.discipline:
            who = (
                proposal.person.full_name
                if proposal.person
                else (proposal.unit.name if proposal.unit else "")
            )
            blocks.append(f"- {who}: {proposal.reason}")
    document = inspection.conclusion_document
    return PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=document.number_symbol if document else f"-KL/{body.code}",
        place=body.place,
        date=inspection.concluded_on,
        doc_type_name=_("KẾT LUẬN"),
        title=document.title if document else inspection.subject,
        paragraphs=blocks,
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=[targets, _("Lưu Văn phòng")],
    )


def conclusion_docx(view: InspectionView) -> bytes:
    return render_party_document(conclusion_document(view))
