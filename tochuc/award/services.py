"""Writes of a round and its entries. Each service is one transaction with one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tochuc.accounts.models import User
from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.award.errors import AwardErrorCode
from tochuc.award.models import (
    AwardAuthor,
    AwardEntry,
    AwardForm,
    AwardJuror,
    AwardRound,
    DeclaredRelation,
    RoundStatus,
)
from tochuc.award.permissions import is_central_level
from tochuc.award.rules import get_award_pack
from tochuc.award.rules.base import EntryFacts
from tochuc.core.actors import Actor
from tochuc.core.attachments import Upload, check_uploads
from tochuc.core.errors import DomainError
from tochuc.core.rules import blocking, run
from tochuc.core.text import fold, nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

SCAN_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
SCAN_MAX_BYTES = 10 * 1024 * 1024
LINK_CHECK = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class AuthorInput:
    full_name: str
    person: Person | None = None


def lock_round(award_round: AwardRound) -> AwardRound:
    """Read the round again under a row lock (inside the caller's transaction), so two requests
    cannot both move its stage or take the same entry number; the caller's instance is refreshed."""
    award_round.refresh_from_db(from_queryset=AwardRound.objects.select_for_update(of=("self",)))
    return award_round


def require_writable(award_round: AwardRound, *stages: str) -> None:
    """Refuse any write to an archived round, and writes outside the stages given."""
    if award_round.is_closed:
        raise DomainError(
            _("Đợt giải đã lưu trữ, chỉ được xem."), code=AwardErrorCode.ROUND_CLOSED, field="round"
        )
    if stages and award_round.status not in stages:
        raise DomainError(
            _("Đợt giải đang ở bước «%(status)s», không làm được việc này.")
            % {"status": award_round.get_status_display()},
            code=AwardErrorCode.WRONG_STAGE,
            field="round",
        )


@transaction.atomic
def round_open(
    *,
    actor: Actor | None,
    organizer: OrgUnit,
    year: int,
    name: str = "",
    pack: str = "",
    window_start: dt.date | None = None,
    window_end: dt.date | None = None,
) -> AwardRound:
    """Open the round of ``year``: its window defaults to the pack's, 1/11 of the year before to 31/10."""
    enforce(actor, Action.EDIT, organizer)
    if not is_central_level(organizer):
        raise DomainError(
            _("Chỉ cơ quan cấp Trung ương tổ chức Giải Búa liềm vàng."),
            code=AwardErrorCode.NOT_AN_ORGANIZER,
            field="organizer",
        )
    rules = get_award_pack(pack or None)
    default_start, default_end = rules.window_for(year)
    start, end = window_start or default_start, window_end or default_end
    if end < start:
        raise DomainError(
            _("Ngày kết thúc trước ngày bắt đầu."), code=AwardErrorCode.WINDOW_INVALID, field="window_end"
        )
    if AwardRound.objects.filter(year=year).exists():
        raise DomainError(
            _("Đã có đợt giải năm %(year)s.") % {"year": year}, code=AwardErrorCode.YEAR_TAKEN, field="year"
        )
    award_round = AwardRound.objects.create(
        year=year,
        name=nfc(name) or _("Giải Búa liềm vàng năm %(year)s") % {"year": year},
        organizer=organizer,
        pack=rules.code,
        window_start=start,
        window_end=end,
    )
    record(
        actor=actor,
        action="award.round_open",
        target=award_round,
        unit_path=organizer.path,
        summary={"year": year, "pack": rules.code, "window": [start.isoformat(), end.isoformat()]},
    )
    return award_round


def _author_key(author: AwardAuthor) -> str:
    return f"p{author.person_id}" if author.person_id else f"n{fold(author.full_name)}"


def refresh_eligibility(award_round: AwardRound) -> None:
    """Check every entry of the round again, in the order they were recorded.

    An entry that fails the window, form or topic does not use up its authors' allowance; the entries
    beyond an author's allowance are the later ones.
    """
    pack = get_award_pack(award_round.pack)
    counted: dict[str, int] = {}
    entries = AwardEntry.objects.filter(round=award_round).prefetch_related("authors").order_by("number")
    for entry in entries:
        authors = list(entry.authors.all())
        keys = {_author_key(a): a.full_name for a in authors}
        scope = entry.form if pack.author_limit_per_form else ""
        facts = EntryFacts(
            published_on=entry.published_on,
            window_start=award_round.window_start,
            window_end=award_round.window_end,
            form=entry.form,
            topic=entry.topic,
            author_counts=tuple((name, counted.get(f"{scope}:{key}", 0) + 1) for key, name in keys.items()),
        )
        refused = blocking(run(pack.rules, facts, pack))
        if not refused:
            for key in keys:
                counted[f"{scope}:{key}"] = counted.get(f"{scope}:{key}", 0) + 1
        reason = "; ".join(f.message for f in refused)
        if entry.eligible != (not refused) or entry.ineligible_reason != reason:
            entry.eligible = not refused
            entry.ineligible_reason = reason
            entry.save(update_fields=["eligible", "ineligible_reason", "updated_at"])


@transaction.atomic
def entry_record(
    *,
    actor: Actor | None,
    award_round: AwardRound,
    title: str,
    outlet: str,
    form: str,
    published_on: dt.date,
    topic: str,
    authors: Sequence[AuthorInput],
    link: str = "",
    scan: Upload | None = None,
) -> AwardEntry:
    """Record a work sent to the round; its eligibility is checked with the reason when it fails."""
    enforce(actor, Action.EDIT, award_round.organizer)
    lock_round(award_round)
    require_writable(award_round, RoundStatus.OPEN)
    names = [a for a in authors if nfc(a.full_name)]
    if not names:
        raise DomainError(
            _("Cần ít nhất một tác giả."), code=AwardErrorCode.AUTHORS_REQUIRED, field="authors"
        )
    link = link.strip()
    if link:
        try:
            LINK_CHECK(link)
        except ValidationError:
            raise DomainError(
                _("Đường dẫn phải bắt đầu bằng http:// hoặc https://."),
                code=AwardErrorCode.LINK_INVALID,
                field="link",
            ) from None
    if form not in AwardForm.values:
        raise DomainError(_("Loại hình không hợp lệ."), code=AwardErrorCode.FORM_INVALID, field="form")
    if scan is not None:
        check_uploads([scan], max_files=1, max_bytes=SCAN_MAX_BYTES, types=SCAN_TYPES, field="scan")
    number = (AwardEntry.objects.filter(round=award_round).aggregate(n=Max("number"))["n"] or 0) + 1
    entry = AwardEntry(
        round=award_round,
        number=number,
        title=nfc(title),
        outlet=nfc(outlet),
        form=form,
        published_on=published_on,
        topic=topic,
        link=link,
    )
    if scan is not None:
        entry.scan_name, entry.scan_content_type, entry.scan_data = (
            scan.name[:255],
            scan.content_type,
            scan.data,
        )
    entry.save()
    AwardAuthor.objects.bulk_create(
        AwardAuthor(entry=entry, position=i, full_name=nfc(a.full_name), person=a.person)
        for i, a in enumerate(names, 1)
    )
    refresh_eligibility(award_round)
    entry.refresh_from_db()
    record(
        actor=actor,
        action="award.entry_record",
        target=entry,
        unit_path=award_round.organizer.path,
        summary={"round": award_round.year, "number": number, "eligible": entry.eligible},
    )
    return entry


@transaction.atomic
def juror_add(
    *,
    actor: Actor | None,
    award_round: AwardRound,
    panel: str,
    user: User,
    outlet: str = "",
    person: Person | None = None,
    full_name: str = "",
) -> AwardJuror:
    """Name a juror on a panel; the conflicts with the entries follow from their outlet and relatives."""
    enforce(actor, Action.EDIT, award_round.organizer)
    require_writable(award_round, RoundStatus.OPEN, RoundStatus.PRELIMINARY, RoundStatus.FINAL)
    if AwardJuror.objects.filter(round=award_round, panel=panel, user=user).exists():
        raise DomainError(_("Người này đã có trong hội đồng."), code=AwardErrorCode.JUROR_TAKEN, field="user")
    juror = AwardJuror.objects.create(
        round=award_round,
        panel=panel,
        user=user,
        person=person,
        full_name=nfc(full_name) or (person.full_name if person else "") or user.full_name or user.username,
        outlet=nfc(outlet),
    )
    record(
        actor=actor,
        action="award.juror_add",
        target=juror,
        unit_path=award_round.organizer.path,
        summary={"round": award_round.year, "panel": panel, "user": user.username},
    )
    return juror


@transaction.atomic
def relation_declare(
    *, actor: Actor | None, juror: AwardJuror, relation: str, full_name: str
) -> DeclaredRelation:
    """A relative the juror declares for the round; entries by that name are then excluded."""
    award_round = juror.round
    enforce(actor, Action.EDIT, award_round.organizer)
    require_writable(award_round, RoundStatus.OPEN, RoundStatus.PRELIMINARY, RoundStatus.FINAL)
    if not nfc(full_name):
        raise DomainError(_("Nhập họ và tên người thân."), field="full_name")
    declared = DeclaredRelation.objects.create(juror=juror, relation=nfc(relation), full_name=nfc(full_name))
    record(
        actor=actor,
        action="award.relation_declare",
        target=declared,
        unit_path=award_round.organizer.path,
        summary={"round": award_round.year, "juror": juror.full_name, "relation": declared.relation},
    )
    return declared
