"""Writes on proposals: each service is one transaction with one audit event.

- ``proposal_send``: a unit sends a proposal to a unit above it (its parent by default);
- ``proposal_forward``: the answering unit hands it to another unit that should answer;
- ``proposal_opinion_ask`` / ``proposal_opinion_give``: a cooperating unit's opinion;
- ``proposal_answer_write``: the answering unit drafts the answer;
- ``proposal_answer_approve``: its leader (not the writer) approves and sends it back;
- ``proposal_publish``: the answer is shown to the subtree and closes the duplicates it names.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload, check_uploads
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals.errors import ProposalsErrorCode
from tochuc.proposals.models import (
    FileStage,
    HopKind,
    Proposal,
    ProposalFile,
    ProposalHop,
    ProposalKind,
    ProposalStatus,
)
from tochuc.proposals.rules import get_pack

SUBJECT_MAX = 500
CONTENT_MAX = 20_000


def _today() -> dt.date:
    return timezone.localdate()


def nfc(value: str) -> str:
    """Composed Unicode, trimmed; line breaks kept (a letter has paragraphs)."""
    return unicodedata.normalize("NFC", value or "").strip()


def _text(value: str, *, field: str, label: str, max_length: int) -> str:
    text = nfc(value or "").strip()
    if not text:
        raise DomainError(
            _("Cần nhập %(label)s.") % {"label": label}, field=field, code=ProposalsErrorCode.REQUIRED
        )
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length},
            field=field,
            code=ProposalsErrorCode.TOO_LONG,
        )
    return text


def answer_due_for(kind: str, sent_on: dt.date, pack_code: str | None = None) -> dt.date:
    """The answer deadline of a proposal of ``kind`` sent on ``sent_on``, from the pack."""
    return sent_on + dt.timedelta(days=get_pack(pack_code).proposal_days(kind))


def _hop(
    proposal: Proposal, kind: str, from_unit: OrgUnit, to_unit: OrgUnit, actor: Actor | None, note: str = ""
) -> ProposalHop:
    return ProposalHop.objects.create(
        proposal=proposal, kind=kind, from_unit=from_unit, to_unit=to_unit, note=note, on=_today(), by=actor
    )


def _check_files(files: Sequence[Upload], kept: int = 0) -> None:
    """Within the limits, counting the ``kept`` files the item already has at that stage."""
    check_uploads(
        files,
        max_files=max(0, int(settings.TOCHUC_PROPOSAL_MAX_FILES) - kept),
        max_bytes=int(settings.TOCHUC_PROPOSAL_MAX_FILE_BYTES),
    )


def _store_files(proposal: Proposal, stage: str, files: Sequence[Upload], actor: Actor | None) -> None:
    ProposalFile.objects.bulk_create(
        ProposalFile(
            proposal=proposal,
            stage=stage,
            name=f.name[:255],
            content_type=f.content_type[:100],
            size=f.size,
            data=f.data,
            uploaded_by=actor,
        )
        for f in files
    )


def _open(proposal: Proposal) -> None:
    if proposal.is_closed:
        raise DomainError(_("Kiến nghị này đã được trả lời."), code=ProposalsErrorCode.CLOSED)


def proposal_send(
    *,
    actor: Actor | None,
    from_unit: OrgUnit,
    to_unit: OrgUnit | None,
    kind: str,
    subject: str,
    content: str,
    sent_on: dt.date | None = None,
    files: Sequence[Upload] = (),
) -> Proposal:
    enforce(actor, Action.EDIT, from_unit)
    if kind not in ProposalKind.values:
        raise DomainError(
            _("Loại kiến nghị «%(kind)s» không có.") % {"kind": kind},
            field="kind",
            code=ProposalsErrorCode.INVALID_KIND,
        )
    if to_unit is None:
        if from_unit.parent is None:
            raise DomainError(
                _("Đơn vị cao nhất không có cấp trên để gửi kiến nghị."),
                field="to_unit",
                code=ProposalsErrorCode.NO_PARENT,
            )
        to_unit = from_unit.parent
    if not from_unit.is_descendant_of(to_unit):
        raise DomainError(
            _("Kiến nghị chỉ gửi lên một cấp trên của đơn vị gửi; «%(unit)s» không phải cấp trên.")
            % {"unit": to_unit.name},
            field="to_unit",
            code=ProposalsErrorCode.NOT_ABOVE,
        )
    subject = _text(subject, field="subject", label=_("trích yếu"), max_length=SUBJECT_MAX)
    content = _text(content, field="content", label=_("nội dung"), max_length=CONTENT_MAX)
    _check_files(files)
    sent_on = sent_on or _today()
    pack = get_pack()
    with transaction.atomic():
        proposal = Proposal.objects.create(
            from_unit=from_unit,
            to_unit=to_unit,
            kind=kind,
            subject=subject,
            content=content,
            sent_on=sent_on,
            answer_due=answer_due_for(kind, sent_on, pack.code),
            pack=pack.code,
            sent_by=actor,
        )
        _hop(proposal, HopKind.SENT, from_unit, to_unit, actor)
        _store_files(proposal, FileStage.SENT, files, actor)
        record(
            actor=actor,
            action="proposal.send",
            target=proposal,
            unit_path=to_unit.path,
            summary={
                "from": from_unit.code,
                "to": to_unit.code,
                "kind": kind,
                "due": str(proposal.answer_due),
                "files": len(files),
            },
            object_label=subject,
        )
    return proposal


def proposal_forward(
    *, actor: Actor | None, proposal: Proposal, to_unit: OrgUnit, note: str = ""
) -> Proposal:
    """The answering unit hands the proposal to ``to_unit``, which answers from now on."""
    enforce(actor, Action.EDIT, proposal.to_unit)
    _open(proposal)
    if to_unit.pk == proposal.to_unit_id:
        raise DomainError(
            _("Đơn vị nhận chuyển phải khác đơn vị đang trả lời."),
            field="to_unit",
            code=ProposalsErrorCode.SAME_UNIT,
        )
    if to_unit.pk == proposal.from_unit_id:
        raise DomainError(
            _("Không chuyển kiến nghị về chính đơn vị gửi."),
            field="to_unit",
            code=ProposalsErrorCode.SAME_UNIT,
        )
    previous = proposal.to_unit
    with transaction.atomic():
        proposal.to_unit = to_unit
        proposal.status = ProposalStatus.OPEN
        proposal.answer = ""
        proposal.answer_written_by = None
        proposal.save(update_fields=["to_unit", "status", "answer", "answer_written_by", "updated_at"])
        # The draft (and its files) belonged to the unit that no longer answers.
        proposal.files.filter(stage=FileStage.ANSWER).delete()
        _hop(proposal, HopKind.FORWARDED, previous, to_unit, actor, nfc(note).strip())
        record(
            actor=actor,
            action="proposal.forward",
            target=proposal,
            unit_path=previous.path,
            summary={"from": previous.code, "to": to_unit.code},
            object_label=proposal.subject,
        )
    return proposal


def proposal_opinion_ask(
    *, actor: Actor | None, proposal: Proposal, unit: OrgUnit, note: str = ""
) -> ProposalHop:
    enforce(actor, Action.EDIT, proposal.to_unit)
    _open(proposal)
    if unit.pk == proposal.to_unit_id:
        raise DomainError(
            _("Đơn vị cho ý kiến phải khác đơn vị trả lời."), field="unit", code=ProposalsErrorCode.SAME_UNIT
        )
    with transaction.atomic():
        hop = _hop(proposal, HopKind.OPINION_ASKED, proposal.to_unit, unit, actor, nfc(note).strip())
        record(
            actor=actor,
            action="proposal.opinion_ask",
            target=proposal,
            unit_path=proposal.to_unit.path,
            summary={"unit": unit.code},
            object_label=proposal.subject,
        )
    return hop


def proposal_opinion_give(
    *, actor: Actor | None, proposal: Proposal, unit: OrgUnit, opinion: str
) -> ProposalHop:
    enforce(actor, Action.EDIT, unit)
    _open(proposal)
    if not proposal.hops.filter(kind=HopKind.OPINION_ASKED, to_unit=unit).exists():
        raise DomainError(
            _("Đơn vị này không được xin ý kiến về kiến nghị."),
            field="unit",
            code=ProposalsErrorCode.SAME_UNIT,
        )
    opinion = _text(opinion, field="opinion", label=_("ý kiến"), max_length=CONTENT_MAX)
    with transaction.atomic():
        hop = _hop(proposal, HopKind.OPINION_GIVEN, unit, proposal.to_unit, actor, opinion)
        record(
            actor=actor,
            action="proposal.opinion_give",
            target=proposal,
            unit_path=unit.path,
            summary={"unit": unit.code},
            object_label=proposal.subject,
        )
    return hop


def proposal_answer_write(
    *, actor: Actor | None, proposal: Proposal, answer: str, files: Sequence[Upload] = ()
) -> Proposal:
    """Draft (or redraft) the answer; files sent with it join those of earlier drafts, within the limit."""
    enforce(actor, Action.EDIT, proposal.to_unit)
    _open(proposal)
    answer = _text(answer, field="answer", label=_("nội dung trả lời"), max_length=CONTENT_MAX)
    _check_files(files, kept=proposal.files.filter(stage=FileStage.ANSWER).count())
    with transaction.atomic():
        proposal.answer = answer
        proposal.answer_written_by = actor
        proposal.status = ProposalStatus.DRAFTED
        proposal.save(update_fields=["answer", "answer_written_by", "status", "updated_at"])
        _hop(proposal, HopKind.ANSWER_DRAFTED, proposal.to_unit, proposal.to_unit, actor)
        _store_files(proposal, FileStage.ANSWER, files, actor)
        record(
            actor=actor,
            action="proposal.answer_write",
            target=proposal,
            unit_path=proposal.to_unit.path,
            summary={"length": len(answer), "files": len(files)},
            object_label=proposal.subject,
        )
    return proposal


def proposal_answer_approve(
    *, actor: Actor | None, proposal: Proposal, answered_on: dt.date | None = None
) -> Proposal:
    """The answering unit's leader approves the drafted answer; it goes back to the sender."""
    enforce(actor, Action.APPROVE, proposal.to_unit)
    _open(proposal)
    if proposal.status != ProposalStatus.DRAFTED:
        raise DomainError(_("Chưa có dự thảo trả lời để duyệt."), code=ProposalsErrorCode.NO_DRAFT)
    if actor is not None and proposal.answer_written_by_id == actor.pk:
        raise DomainError(
            _("Người viết câu trả lời không tự duyệt câu trả lời của mình."),
            code=ProposalsErrorCode.WRITER_APPROVES,
        )
    with transaction.atomic():
        proposal.status = ProposalStatus.ANSWERED
        proposal.approved_by = actor
        proposal.answered_on = answered_on or _today()
        proposal.save(update_fields=["status", "approved_by", "answered_on", "updated_at"])
        _hop(proposal, HopKind.ANSWERED, proposal.to_unit, proposal.from_unit, actor)
        record(
            actor=actor,
            action="proposal.answer_approve",
            target=proposal,
            unit_path=proposal.to_unit.path,
            summary={"answered_on": str(proposal.answered_on), "due": str(proposal.answer_due)},
            object_label=proposal.subject,
        )
    return proposal


def proposal_publish(
    *, actor: Actor | None, proposal: Proposal, duplicates: Sequence[Proposal] = ()
) -> Proposal:
    """Publish an approved answer; each duplicate named (same answering unit, still open) is closed by it."""
    enforce(actor, Action.APPROVE, proposal.to_unit)
    if proposal.status != ProposalStatus.ANSWERED:
        raise DomainError(_("Chỉ công khai câu trả lời đã được duyệt."), code=ProposalsErrorCode.NOT_ANSWERED)
    for other in duplicates:
        if other.pk == proposal.pk or other.to_unit_id != proposal.to_unit_id or other.is_closed:
            raise DomainError(
                _("Kiến nghị «%(subject)s» không thể đóng bằng câu trả lời này.")
                % {"subject": other.subject},
                field="duplicates",
                code=ProposalsErrorCode.BAD_DUPLICATE,
            )
    today = _today()
    with transaction.atomic():
        proposal.published = True
        proposal.save(update_fields=["published", "updated_at"])
        _hop(proposal, HopKind.PUBLISHED, proposal.to_unit, proposal.to_unit, actor)
        for other in duplicates:
            other.status = ProposalStatus.DUPLICATE
            other.answered_by_proposal = proposal
            other.answer = proposal.answer
            other.answered_on = today
            other.approved_by = actor
            other.save(
                update_fields=[
                    "status",
                    "answered_by_proposal",
                    "answer",
                    "answered_on",
                    "approved_by",
                    "updated_at",
                ]
            )
            _hop(other, HopKind.ANSWERED, other.to_unit, other.from_unit, actor, _("Trả lời chung"))
        record(
            actor=actor,
            action="proposal.publish",
            target=proposal,
            unit_path=proposal.to_unit.path,
            summary={"duplicates": [d.pk for d in duplicates]},
            object_label=proposal.subject,
        )
    return proposal


def proposal_file_read(*, actor: Actor, proposal: Proposal, file: ProposalFile) -> None:
    """Someone who sees the file (the view has checked it) downloads it: each download audited."""
    with transaction.atomic():
        record(
            actor=actor,
            action="proposal.file_view",
            target=proposal,
            unit_path=proposal.to_unit.path,
            summary={"file": file.pk, "name": file.name[:100], "stage": file.stage},
            object_label=proposal.subject,
        )
