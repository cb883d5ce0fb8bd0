"""Demo personnel work for the commune T01-X01: a planning cycle, procedures in every state,
confidence votes and a rotation, all made through the services as a specialist and a leader would."""

from __future__ import annotations

import datetime as dt
import random
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person, PersonDiscipline, Relative, TheoryLevel
from tochuc.personnel import services
from tochuc.personnel.models import PlanningCycle, Procedure, ProcedureKind, ProcedureStep
from tochuc.personnel.retirement import months_of_work_left
from tochuc.positions.models import DegreeLevel, Position, Title, theory_rank
from tochuc.positions.requirements import Candidate

CYCLE_CODE = "QH-T01-X01-2030"
REASON = "Ban Thường vụ đã xem xét, đồng ý cho tiếp tục theo quy định."
SECRETARY = "Bí thư Đảng ủy xã"
VICE = "Phó Bí thư Thường trực Đảng ủy xã"


def _candidates(unit: OrgUnit, *, exclude: set[int], count: int) -> list[Person]:
    """Full members of the subtree with a full term ahead in 2030 and no discipline on file."""
    people = (
        Person.objects.filter(
            unit__path__startswith=unit.path, membership__status="full", disciplines__isnull=True
        )
        .exclude(pk__in=exclude)
        .exclude(user_account__isnull=False)
        .filter(birth_date__year__gte=1976, birth_date__year__lte=1990)
        .order_by("code")
    )
    picked = [
        p
        for p in people[: count * 12]
        if months_of_work_left(p.birth_date, p.gender, dt.date(2030, 1, 1)) >= 60
    ]
    # Those who already meet a commune post's standards first (intermediate theory, a degree), as a
    # committee would propose them; the others still show what a shortfall looks like.
    picked.sort(key=lambda p: (not _meets_commune_standards(p), p.code))
    return picked[:count]


def _meets_commune_standards(person: Person) -> bool:
    candidate = Candidate.of(person)
    return theory_rank(candidate.theory_level) >= theory_rank(TheoryLevel.INTERMEDIATE) and (
        candidate.degree >= DegreeLevel.BACHELOR
    )


def _meetings(
    actor: Actor | None, procedure: Procedure, days: list[dt.date], *, fail_quorum_at: int | None = None
) -> None:
    name = procedure.candidate.full_name
    for index, day in enumerate(days, start=1):
        if index == fail_quorum_at:
            services.step_record(
                actor=actor, procedure=procedure, held_on=day, convened=15, present=9, votes={name: 9}
            )
            day = day + dt.timedelta(days=3)
        services.step_record(
            actor=actor, procedure=procedure, held_on=day, convened=15, present=14, votes={name: 12}
        )


def seed_personnel(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    if PlanningCycle.objects.filter(code=CYCLE_CODE).exists():
        stdout.write("Quy hoạch, bổ nhiệm mẫu: đã có, không tạo thêm.")
        return
    commune = OrgUnit.objects.filter(code="T01-X01").first()
    neighbour = OrgUnit.objects.filter(code="T01-X02").first()
    specialist = User.objects.filter(username="demo.tinh").first()
    leader = User.objects.filter(username="demo.xa").first()
    titles = {t.name: t for t in Title.objects.filter(name__in=[SECRETARY, VICE])}
    if not (commune and neighbour and specialist and leader and len(titles) == 2):
        stdout.write("Quy hoạch, bổ nhiệm mẫu: thiếu đơn vị, tài khoản hoặc chức danh mẫu, bỏ qua.")
        return
    secretary, vice = titles[SECRETARY], titles[VICE]
    used = {leader.person_id} if leader.person_id else set()
    today = timezone.localdate()
    with transaction.atomic():
        cycle = services.planning_cycle_open(
            actor=specialist,
            code=CYCLE_CODE,
            name="Quy hoạch Ban Thường vụ Đảng ủy xã An Bình",
            unit=commune,
            term="2030-2035",
        )
        inside = _candidates(commune, exclude=used, count=7)
        outside = _candidates(neighbour, exclude=used, count=1)
        used |= {p.pk for p in inside + outside}
        entries = []
        for person, title in zip(
            inside[:5] + outside, [vice, vice, secretary, secretary, vice, secretary], strict=False
        ):
            try:
                entries.append(
                    services.planning_entry_propose(
                        actor=specialist, cycle=cycle, person=person, title=title, justification=REASON
                    )
                )
            except DomainError:
                continue
        for entry in entries[:4]:
            services.planning_entry_approve(actor=leader, entry=entry)
        # A reprimand after being planned: the yearly review takes the person out automatically.
        if len(entries) > 4:
            PersonDiscipline.objects.create(
                person=entries[4].person,
                decided_on=today,
                form="Khiển trách",
                reason="Vi phạm quy chế làm việc",
            )
            services.planning_review(actor=specialist, cycle=cycle, on=today)
        if len(entries) > 5:
            services.confidence_vote_record(
                actor=specialist,
                person=entries[5].person,
                unit=neighbour,
                held_on=dt.date(2026, 10, 20),
                voters=25,
                high=4,
                confidence=7,
                low=14,
            )

        position = Position.objects.filter(unit=commune, title=vice).first()
        # 1. Decided: the upper committee's designation of the standing deputy secretary (an elected post),
        #    five steps where one meeting lacked a quorum and was held again.
        if entries:
            decided = services.procedure_open(
                actor=specialist,
                kind=ProcedureKind.DESIGNATION,
                unit=commune,
                title=vice,
                candidate=entries[0].person,
                position=position,
                file_received_on=dt.date(2026, 8, 3),
                justification=REASON,
            )
            _meetings(
                specialist, decided, [dt.date(2026, 8, d) for d in (5, 10, 14, 19, 24)], fail_quorum_at=2
            )
            services.procedure_decide(
                actor=leader,
                procedure=decided,
                decision_number="125-QĐ/ĐU",
                decided_on=dt.date(2026, 8, 28),
                term_start=dt.date(2026, 9, 1),
            )
        # 2. Open, halfway through its steps: a nomination for election as secretary.
        if len(entries) > 2:
            halfway = services.procedure_open(
                actor=specialist,
                kind=ProcedureKind.NOMINATION,
                unit=commune,
                title=secretary,
                candidate=entries[2].person,
                file_received_on=dt.date(2026, 11, 2),
                justification=REASON,
            )
            _meetings(specialist, halfway, [dt.date(2026, 11, d) for d in (4, 11)])
        # 3. Blocked: the named approver is the candidate's father in the records.
        if len(inside) > 6 and len(entries) > 3:
            candidate, father = entries[3].person, inside[6]
            Relative.objects.get_or_create(
                person=candidate,
                linked_person=father,
                defaults={"relation": "Bố", "full_name": father.full_name},
            )
            services.procedure_open(
                actor=specialist,
                kind=ProcedureKind.NOMINATION,
                unit=commune,
                title=secretary,
                candidate=candidate,
                file_received_on=dt.date(2026, 11, 9),
                approver=father,
                justification=REASON,
            )
        # 4. Failed: the candidate did not get more than half of those convened.
        if len(inside) > 5:
            failed = services.procedure_open(
                actor=specialist,
                kind=ProcedureKind.NOMINATION,
                unit=commune,
                title=vice,
                candidate=inside[5],
                file_received_on=dt.date(2026, 9, 7),
                justification=REASON,
            )
            services.step_record(
                actor=specialist,
                procedure=failed,
                held_on=dt.date(2026, 9, 9),
                convened=15,
                present=13,
                votes={
                    inside[5].full_name: 7,
                    entries[1].person.full_name if len(entries) > 1 else "Ứng viên khác": 6,
                },
            )
        _date_as_it_happened(commune)
        # A rotation from the neighbouring commune.
        if outside:
            services.rotation_create(
                actor=specialist,
                person=outside[0],
                to_unit=commune,
                purpose="Rèn luyện thực tiễn, chuẩn bị nguồn cán bộ chủ chốt",
                start=dt.date(2025, 6, 1),
            )
    stdout.write(
        f"Quy hoạch, bổ nhiệm mẫu ({scale}): 1 đợt quy hoạch, {len(entries)} người được đề xuất, 4 thủ tục, 1 luân chuyển."
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _date_as_it_happened(unit: OrgUnit) -> None:
    """The demo is written today; its records carry the days they stand for (the file received, each
    meeting, the decision), so a justification never comes after the decision it allowed."""
    for procedure in Procedure.objects.filter(unit=unit).prefetch_related("steps"):
        received = _at(procedure.file_received_on, 9)
        Procedure.objects.filter(pk=procedure.pk).update(created_at=received)
        procedure.overrides.update(created_at=received)
        last = None
        for step in procedure.steps.all():
            ProcedureStep.objects.filter(pk=step.pk).update(recorded_at=_at(step.held_on, 16))
            last = step.held_on if last is None or step.held_on > last else last
        end = procedure.decided_on or (last if procedure.finished_at else None)
        if procedure.finished_at and end:
            Procedure.objects.filter(pk=procedure.pk).update(finished_at=_at(end, 17))
