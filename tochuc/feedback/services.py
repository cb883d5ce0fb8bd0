"""Writes on feedback: each service is one transaction with one audit event.

- ``feedback_submit_public``: a citizen sends feedback from the public page (no account);
- ``feedback_record_press``: a specialist records a press article;
- ``feedback_answer``: the handling unit answers (and records what verification found);
- ``feedback_publish``: its leader publishes the answer, which the tracking code then shows;
- ``feedback_identity_reveal``: a handling role reads the sender's identity, audited each time.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from collections.abc import Sequence

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, enforce
from tochuc.audit.services import record, sensitive
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload, check_uploads
from tochuc.core.errors import DomainError, not_found
from tochuc.core.text import fold
from tochuc.feedback.errors import FeedbackErrorCode
from tochuc.feedback.models import (
    Feedback,
    FeedbackChannel,
    FeedbackFile,
    FeedbackKind,
    FeedbackStatus,
    Finding,
    PublicSubmission,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.proposals.rules import get_pack

CONTENT_MAX = 10_000
NAME_MAX = 150
CONTACT_MAX = 255
FILE_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".docx", ".txt"})
# No 0/O, 1/I/L: a code read over the phone is not misheard.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _today() -> dt.date:
    return timezone.localdate()


def _clean(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def _required(value: str | None, *, field: str, label: str, max_length: int) -> str:
    text = _clean(value)
    if not text:
        raise DomainError(
            _("Cần nhập %(label)s.") % {"label": label}, field=field, code=FeedbackErrorCode.REQUIRED
        )
    return _limited(text, field=field, label=label, max_length=max_length)


def _limited(text: str, *, field: str, label: str, max_length: int) -> str:
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length},
            field=field,
            code=FeedbackErrorCode.TOO_LONG,
        )
    return text


def _kind(kind: str) -> str:
    if kind not in FeedbackKind.values:
        raise DomainError(
            _("Loại phản ánh phải là một trong: %(kinds)s.") % {"kinds": ", ".join(FeedbackKind.values)},
            field="kind",
            code=FeedbackErrorCode.INVALID_KIND,
        )
    return kind


def new_tracking_code() -> str:
    while True:
        code = "GY-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))
        if not Feedback.objects.filter(tracking_code=code).exists():
            return code


def handling_unit(kind: str, concerned: OrgUnit, persons: Sequence[Person] = ()) -> OrgUnit:
    """Who must handle the item: the organization named; for a cadre, the committee managing the
    cadre, i.e. the level above the unit the cadre belongs to (the unit itself at the top)."""
    if kind == FeedbackKind.CADRE:
        home = persons[0].unit if persons else concerned
        return home.parent or home
    return concerned


def find_public_unit(query: str) -> OrgUnit:
    """The active unit a citizen names: by its code, else by a name that matches only one unit."""
    text = _clean(query)
    if not text:
        raise DomainError(
            _("Cần chọn tổ chức đảng được phản ánh."), field="unit", code=FeedbackErrorCode.REQUIRED
        )
    active = OrgUnit.objects.filter(valid_to__isnull=True)
    by_code = active.filter(code__iexact=text).first()
    if by_code is not None:
        return by_code
    matches = list(active.filter(name_folded=fold(text))[:2])
    if len(matches) == 1:
        return matches[0]
    raise DomainError(
        _("Không tìm thấy tổ chức đảng «%(q)s». Hãy tìm và chọn đúng tên hoặc mã đơn vị.")
        % {"q": text[:100]},
        field="unit",
        code=FeedbackErrorCode.UNKNOWN_UNIT,
    )


def _check_files(files: Sequence[Upload]) -> None:
    check_uploads(
        files,
        max_files=int(settings.TOCHUC_FEEDBACK_MAX_FILES),
        max_bytes=int(settings.TOCHUC_FEEDBACK_MAX_FILE_BYTES),
        types=FILE_TYPES,
    )


def _store_files(feedback: Feedback, files: Sequence[Upload]) -> None:
    FeedbackFile.objects.bulk_create(
        FeedbackFile(
            feedback=feedback, name=f.name[:255], content_type=f.content_type[:100], size=f.size, data=f.data
        )
        for f in files
    )


def address_key(address: str) -> str:
    """The rate limit counts by a keyed hash of the address, never the address itself."""
    return sensitive(address or "unknown")[:64]


def _lock_address(key: str) -> None:
    """Senders from one address queue here, so that counting and recording are one step: without it
    two sends at the same moment would both find room under the limit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def over_rate(address: str, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    window = dt.timedelta(seconds=int(settings.TOCHUC_FEEDBACK_RATE_WINDOW_SECONDS))
    recent = PublicSubmission.objects.filter(address=address_key(address), at__gt=now - window).count()
    return recent >= int(settings.TOCHUC_FEEDBACK_RATE_LIMIT)


def _rate_limited() -> DomainError:
    minutes = int(settings.TOCHUC_FEEDBACK_RATE_WINDOW_SECONDS) // 60
    return DomainError(
        _("Địa chỉ của bạn đã gửi %(n)d phản ánh trong %(m)d phút. Xin gửi lại sau ít phút.")
        % {"n": int(settings.TOCHUC_FEEDBACK_RATE_LIMIT), "m": minutes},
        code=FeedbackErrorCode.RATE_LIMITED,
    )


def feedback_submit_public(
    *,
    unit: str,
    kind: str,
    content: str,
    sender_name: str | None = None,
    sender_contact: str | None = None,
    files: Sequence[Upload] = (),
    address: str,
    honeypot: str = "",
    now: dt.datetime | None = None,
) -> Feedback:
    """A citizen's feedback, no account: refused over the rate, when the hidden field is filled,
    or when something is missing or too large; otherwise stored with a new tracking code."""
    now = now or timezone.now()
    if over_rate(address, now):
        raise _rate_limited()
    if honeypot:
        PublicSubmission.objects.create(address=address_key(address), at=now)
        raise DomainError(
            _("Không gửi được phản ánh. Xin tải lại trang và gửi lại."), code=FeedbackErrorCode.HONEYPOT
        )
    concerned = find_public_unit(unit)
    kind = _kind(kind)
    content = _required(content, field="content", label=_("nội dung phản ánh"), max_length=CONTENT_MAX)
    name = _limited(_clean(sender_name), field="name", label=_("họ và tên"), max_length=NAME_MAX)
    contact = _limited(
        _clean(sender_contact), field="contact", label=_("địa chỉ liên hệ"), max_length=CONTACT_MAX
    )
    _check_files(files)
    target = handling_unit(kind, concerned)
    received_on = timezone.localdate(now)
    pack = get_pack()
    with transaction.atomic():
        _lock_address(address_key(address))
        if over_rate(address, now):
            raise _rate_limited()
        PublicSubmission.objects.create(address=address_key(address), at=now)
        feedback = Feedback.objects.create(
            tracking_code=new_tracking_code(),
            channel=FeedbackChannel.CITIZEN,
            kind=kind,
            concerned_unit=concerned,
            unit=target,
            content=content,
            sender_name=name,
            sender_contact=contact,
            anonymous=not (name and contact),
            received_on=received_on,
            due_on=received_on + dt.timedelta(days=pack.feedback_days(kind)),
            pack=pack.code,
        )
        _store_files(feedback, files)
        record(
            actor=None,
            action="feedback.receive",
            target=feedback,
            unit_path=target.path,
            summary={"channel": FeedbackChannel.CITIZEN, "kind": kind, "anonymous": feedback.anonymous},
            object_label=feedback.tracking_code,
        )
    return feedback


def feedback_record_press(
    *,
    actor: Actor | None,
    concerned_unit: OrgUnit,
    kind: str,
    content: str,
    outlet: str,
    published_on: dt.date,
    link: str = "",
    persons: Sequence[Person] = (),
    received_on: dt.date | None = None,
    files: Sequence[Upload] = (),
) -> Feedback:
    """A press article recorded by a specialist, routed like citizens' feedback."""
    kind = _kind(kind)
    for person in persons:
        if not person.unit.path.startswith(concerned_unit.path):
            raise DomainError(
                _("%(name)s không thuộc đơn vị được phản ánh.") % {"name": person.full_name},
                field="persons",
                code=FeedbackErrorCode.PERSON_OUTSIDE,
            )
    target = handling_unit(kind, concerned_unit, persons)
    enforce(actor, Action.EDIT, target)
    content = _required(content, field="content", label=_("nội dung bài báo"), max_length=CONTENT_MAX)
    outlet = _required(outlet, field="outlet", label=_("cơ quan báo chí"), max_length=200)
    link = _limited(_clean(link), field="link", label=_("đường dẫn"), max_length=500)
    _check_files(files)
    received_on = received_on or _today()
    pack = get_pack()
    with transaction.atomic():
        feedback = Feedback.objects.create(
            tracking_code=new_tracking_code(),
            channel=FeedbackChannel.PRESS,
            kind=kind,
            concerned_unit=concerned_unit,
            unit=target,
            content=content,
            outlet=outlet,
            published_on=published_on,
            link=link,
            received_on=received_on,
            due_on=received_on + dt.timedelta(days=pack.feedback_days(kind)),
            pack=pack.code,
            recorded_by=actor,
        )
        feedback.persons.set(persons)
        _store_files(feedback, files)
        record(
            actor=actor,
            action="feedback.record_press",
            target=feedback,
            unit_path=target.path,
            summary={"outlet": outlet, "kind": kind, "persons": [p.pk for p in persons], "files": len(files)},
            object_label=feedback.tracking_code,
        )
    return feedback


def may_handle(user: Actor, feedback: Feedback) -> bool:
    """The roles that handle an item: those who may enter data on, or approve for, its unit."""
    return can(user, Action.EDIT, feedback.unit) or can(user, Action.APPROVE, feedback.unit)


def feedback_answer(
    *,
    actor: Actor | None,
    feedback: Feedback,
    answer: str,
    finding: str = "",
    internal_note: str = "",
    answered_on: dt.date | None = None,
) -> Feedback:
    enforce(actor, Action.EDIT, feedback.unit)
    if feedback.is_answered:
        raise DomainError(_("Phản ánh này đã được trả lời."), code=FeedbackErrorCode.ANSWERED)
    answer = _required(answer, field="answer", label=_("nội dung trả lời"), max_length=CONTENT_MAX)
    if finding not in Finding.values:
        finding = ""
    with transaction.atomic():
        feedback.answer = answer
        feedback.finding = finding
        if internal_note:
            feedback.internal_note = _limited(
                _clean(internal_note), field="internal_note", label=_("ghi chú"), max_length=CONTENT_MAX
            )
        feedback.status = FeedbackStatus.ANSWERED
        feedback.answered_on = answered_on or _today()
        feedback.answered_by = actor
        feedback.save()
        record(
            actor=actor,
            action="feedback.answer",
            target=feedback,
            unit_path=feedback.unit.path,
            summary={
                "finding": finding,
                "answered_on": str(feedback.answered_on),
                "due": str(feedback.due_on),
            },
            object_label=feedback.tracking_code,
        )
    return feedback


def feedback_publish(*, actor: Actor | None, feedback: Feedback) -> Feedback:
    """The unit's leader publishes the answer (not the one who wrote it): the code then shows it."""
    enforce(actor, Action.APPROVE, feedback.unit)
    if not feedback.is_answered:
        raise DomainError(_("Chưa có câu trả lời để công khai."), code=FeedbackErrorCode.NOT_ANSWERED)
    with transaction.atomic():
        feedback.published = True
        feedback.save(update_fields=["published", "updated_at"])
        record(
            actor=actor,
            action="feedback.publish",
            target=feedback,
            unit_path=feedback.unit.path,
            object_label=feedback.tracking_code,
        )
    return feedback


def feedback_identity_reveal(*, actor: Actor, feedback: Feedback) -> tuple[str, str]:
    """The sender's name and contact, for a handling role only; every reading is audited."""
    if not may_handle(actor, feedback):
        raise not_found()
    with transaction.atomic():
        record(
            actor=actor,
            action="feedback.identity_view",
            target=feedback,
            unit_path=feedback.unit.path,
            object_label=feedback.tracking_code,
        )
    return feedback.sender_name, feedback.sender_contact


def feedback_file_read(*, actor: Actor, feedback: Feedback, file: FeedbackFile) -> None:
    """A handling role downloads a file sent with the item (it may name the sender): audited."""
    if not may_handle(actor, feedback):
        raise not_found()
    with transaction.atomic():
        record(
            actor=actor,
            action="feedback.file_view",
            target=feedback,
            unit_path=feedback.unit.path,
            summary={"file": file.pk},
            object_label=feedback.tracking_code,
        )
