"""Demo rewards and discipline: badges awarded and due, certificates, disciplined members and one
disciplined organization, an appeal."""

from __future__ import annotations

import datetime as dt
import random
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import MembershipStatus, Person
from tochuc.rewards import certificate_services, discipline_services, services
from tochuc.rewards.candidates import reward_candidates
from tochuc.rewards.models import Discipline, DisciplineForm
from tochuc.rewards.selectors import badges_due

MARK = "-QĐ/ĐU-MAU"


def _members(unit: OrgUnit, count: int, exclude: set[int]) -> list[Person]:
    return list(
        Person.objects.filter(unit__path__startswith=unit.path, membership__status=MembershipStatus.FULL)
        .exclude(pk__in=exclude)
        .order_by("sort_key")[:count]
    )


def seed_rewards(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    if Discipline.objects.filter(decision_number__endswith=MARK).exists():
        stdout.write("Khen thưởng, kỷ luật mẫu: đã có, không tạo thêm.")
        return
    commune = OrgUnit.objects.filter(code="T01-X01").first()
    grassroots = (
        OrgUnit.objects.filter(path__startswith=commune.path, kind=UnitKind.GRASSROOTS)
        .order_by("path")
        .first()
        if commune
        else None
    )
    cell = (
        OrgUnit.objects.filter(path__startswith=grassroots.path, kind=UnitKind.CELL).order_by("path").first()
        if grassroots
        else None
    )
    if not (commune and grassroots and cell):
        stdout.write("Khen thưởng, kỷ luật mẫu: thiếu đơn vị mẫu, bỏ qua.")
        return
    today = timezone.localdate()
    ceremony = dt.date(today.year, 5, 19)
    awarded = due = 0
    with transaction.atomic():
        # Party badges: the members due on 19/5 of this year; half proposed and decided, half left due.
        rows = badges_due(commune, on=ceremony)
        for index, row in enumerate(rows[: max(2, len(rows) // 2)]):
            person = Person.objects.select_related("unit").get(pk=row.person_id)
            committee = grassroots if person.unit.path.startswith(grassroots.path) else person.unit
            try:
                badge = services.badge_propose(
                    actor=None, person=person, committee=committee, years=row.years, ceremony_on=ceremony
                )
                if committee.path != commune.path:
                    services.badge_decide(
                        actor=None,
                        badge=badge,
                        level=commune,
                        decision_number=f"{100 + index}-QĐ/ĐU",
                        decided_on=ceremony - dt.timedelta(days=10),
                        badge_number=f"{row.years}-{index + 1:04d}",
                    )
                    awarded += 1
            except DomainError:
                continue
        due = len(badges_due(commune, on=ceremony))
        # Certificates from last year's results: proposed by the grassroots committee, approved by the
        # commune (the organizations' standout titles within the pack's quota).
        certificates = 0
        year = next(
            (
                y
                for y in (today.year - 1, today.year - 2)
                if any(c.kind == "member" for c in reward_candidates(commune, year=y))
            ),
            today.year - 1,
        )
        for number, candidate in enumerate(reward_candidates(commune, year=year), start=1):
            if candidate.refused:
                continue
            rewarded = Person.objects.filter(code=candidate.code).select_related("unit").first()
            unit = OrgUnit.objects.filter(code=candidate.code).first() if rewarded is None else None
            in_grassroots = rewarded is not None and rewarded.unit.path.startswith(grassroots.path)
            try:
                proposal = certificate_services.certificate_propose(
                    actor=None,
                    person=rewarded,
                    unit=unit,
                    year=year,
                    title=candidate.title,
                    proposed_by=grassroots if in_grassroots else commune,
                )
                if number % 3:  # a third stay waiting for the commune's decision
                    certificate_services.certificate_approve(
                        actor=None,
                        proposal=proposal,
                        level=commune,
                        decision_number=f"{200 + year % 100}-QĐ/ĐU",
                        decided_on=dt.date(year + 1, 1, 15),
                    )
                    certificates += 1
            except DomainError:
                continue
        # Discipline: two members decided, one proposal waiting, one organization, one appeal.
        members = _members(grassroots, 3, exclude=set())
        decided = today - dt.timedelta(days=40)
        forms = [DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.REPRIMAND]
        disciplines = []
        for number, (person, form) in enumerate(zip(members, forms, strict=False), start=1):
            pending = discipline_services.discipline_propose(
                actor=None,
                person=person,
                form=form,
                violation="Vi phạm quy định về những điều đảng viên không được làm",
                violation_on=decided - dt.timedelta(days=200),
                proposed_by=grassroots,
                proposed_on=decided - dt.timedelta(days=14),
            )
            if number < 3:
                disciplines.append(
                    discipline_services.discipline_decide(
                        actor=None,
                        discipline=pending,
                        level=grassroots if form == DisciplineForm.REPRIMAND else commune,
                        decision_number=f"{number}{MARK}",
                        decided_on=decided,
                    )
                )
        services.discipline_record(
            actor=None,
            unit=cell,
            form=DisciplineForm.REPRIMAND,
            violation="Buông lỏng lãnh đạo, để đảng viên vi phạm kéo dài",
            violation_on=decided - dt.timedelta(days=120),
            proposed_by=grassroots,
            decided_by=commune,
            decision_number=f"9{MARK}",
            decided_on=decided,
        )
        if disciplines:
            services.discipline_appeal_file(
                actor=None,
                discipline=disciplines[-1],
                received_on=decided + dt.timedelta(days=3),
                filed_on=decided + dt.timedelta(days=20),
                content="Đề nghị xem xét lại hình thức kỷ luật vì vi phạm lần đầu, đã khắc phục hậu quả.",
            )
    stdout.write(
        f"Khen thưởng, kỷ luật mẫu: {awarded} Huy hiệu Đảng đã tặng, {due} đảng viên còn đến hạn dịp "
        f"{ceremony:%d/%m/%Y}; {certificates} khen thưởng theo kết quả năm {year}; {len(disciplines)} đảng viên "
        f"và 1 chi bộ bị kỷ luật, 1 đề nghị kỷ luật chờ quyết định, 1 khiếu nại."
    )
