"""Files of a round: the decision announcing the results (Word, Party layout) and the workbook of
entries and scores (Excel, text kept as text). Each download is recorded."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.exports import export_record
from tochuc.award import selectors
from tochuc.award.models import AwardEntry, AwardRound, Prize
from tochuc.award.rules import get_award_pack
from tochuc.core.actors import Actor
from tochuc.core.documents.excel import append
from tochuc.core.documents.word import PartyDocument, TableBlock, render_party_document
from tochuc.directives.documents import issuing_body


def _n(value: object) -> str:
    return "" if value is None else str(value).replace(".", ",")


def _rows(winners: list[AwardEntry]) -> list[list[str]]:
    return [
        [str(i), str(Prize(e.prize).label), e.title, e.author_names, e.outlet, _n(e.final_average)]
        for i, e in enumerate(winners, 1)
    ]


def results_docx(*, actor: Actor, award_round: AwardRound) -> bytes:
    """The decision announcing the prizes, with the list of winning works."""
    winners = selectors.winners(award_round)
    body = issuing_body(award_round.organizer)
    table = TableBlock(
        headings=["STT", "Giải", "Tác phẩm", "Tác giả", "Cơ quan báo chí", "Điểm"],
        rows=_rows(winners),
        widths_mm=(10, 22, 50, 35, 33, 15),
        font_size=11,
    )
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=award_round.decision_number or f"     -QĐ/{body.code}",
        place=body.place,
        date=award_round.published_on,
        doc_type_name="QUYẾT ĐỊNH",
        title=f"trao {award_round.name}",
        paragraphs=(
            f"Căn cứ {get_award_pack(award_round.pack).citation};",
            "Xét đề nghị của Hội đồng chung khảo,",
            "Điều 1. Trao giải cho các tác phẩm, tác giả có tên sau:",
            table,
            f"Tổng số: {len(winners)} tác phẩm.",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Các cơ quan, tác giả có tên tại Điều 1 thi hành Quyết định này.",
        ),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Như Điều 2", "Lưu"),
    )
    content = render_party_document(doc)
    export_record(
        actor=actor,
        kind="award.results_docx",
        target=award_round,
        unit_path=award_round.organizer.path,
        rows=len(winners),
        details={"round": award_round.year},
        label=award_round.name,
    )
    return content


def entries_xlsx(*, actor: Actor, award_round: AwardRound) -> bytes:
    """Every entry with its eligibility, averages and prize; then every score with its juror."""
    enforce(actor, Action.VIEW, award_round.organizer)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Tác phẩm")[:31]
    bold = Font(bold=True)
    append(sheet, [award_round.name], font=bold)
    headers = [
        _("Số"), _("Tên tác phẩm"), _("Tác giả"), _("Cơ quan báo chí"), _("Loại hình"), _("Ngày đăng, phát"),
        _("Chủ đề"), _("Đủ điều kiện"), _("Lý do"), _("Điểm sơ khảo"), _("Vào chung khảo"), _("Điểm chung khảo"),
        _("Giải"), _("Ghi chú xếp giải"), _("Đường dẫn"),
    ]  # fmt: skip
    append(sheet, headers, font=bold)
    entries = selectors.round_entries(award_round)
    for e in entries:
        append(
            sheet,
            [
                e.number, e.title, e.author_names, e.outlet, e.get_form_display(), e.published_on.strftime("%d/%m/%Y"),
                e.topic, _("Có") if e.eligible else _("Không"), e.ineligible_reason, e.preliminary_average,
                _("Có") if e.advanced else "", e.final_average, e.get_prize_display() if e.prize else "",
                e.prize_note, e.link,
            ],
        )  # fmt: skip
    sheet.freeze_panes = "A3"
    scores = book.create_sheet(_("Điểm")[:31])
    append(
        scores, [_("Số"), _("Tác phẩm"), _("Hội đồng"), _("Giám khảo"), _("Điểm"), _("Nhận xét")], font=bold
    )
    for s in selectors.score_table(award_round):
        append(
            scores,
            [
                s.entry.number,
                s.entry.title,
                s.juror.get_panel_display(),
                s.juror.full_name,
                s.score,
                s.comment,
            ],
        )
    out = io.BytesIO()
    book.save(out)
    export_record(
        actor=actor,
        kind="award.entries_xlsx",
        target=award_round,
        unit_path=award_round.organizer.path,
        rows=len(entries),
        details={"round": award_round.year},
        label=award_round.name,
    )
    return out.getvalue()
