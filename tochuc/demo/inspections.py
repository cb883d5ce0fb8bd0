"""Demo inspections: the yearly programme of the provincial committee, an inspection concluded with
half of its follow-ups done, and a thematic supervision in progress."""

from __future__ import annotations

import datetime as dt
import random
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.directives.services import progress_report_submit
from tochuc.inspections import selectors, services
from tochuc.inspections.models import Inspection, Programme
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import Person

INSPECTION_CODE = "KT-MAU-01"
SUPERVISION_CODE = "GS-MAU-01"


def _team(root: OrgUnit, targets: list[OrgUnit], count: int) -> list[Person]:
    qs = Person.objects.filter(unit__path__startswith=root.path).select_related("unit")
    for target in targets:
        qs = qs.exclude(unit__path__startswith=target.path)
    return list(qs.order_by("sort_key")[:count])


def _add_team(inspection: Inspection, people: list[Person]) -> None:
    for index, person in enumerate(people):
        services.member_add(
            actor=None, inspection=inspection, person=person, role="head" if index == 0 else "member"
        )


def seed_inspections(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    if Inspection.objects.filter(code=INSPECTION_CODE).exists():
        stdout.write("Kiểm tra, giám sát mẫu: đã có, không tạo thêm.")
        return
    province = OrgUnit.objects.filter(code="T01").first()
    commune = OrgUnit.objects.filter(code="T01-X01").first()
    other = OrgUnit.objects.filter(code="T01-X02").first()
    if not (province and commune and other):
        stdout.write("Kiểm tra, giám sát mẫu: thiếu đơn vị mẫu, bỏ qua.")
        return
    below = list(OrgUnit.objects.filter(parent=commune, kind=UnitKind.GRASSROOTS).order_by("path")[:2])
    culprit = Person.objects.filter(unit__path__startswith=commune.path).order_by("sort_key").first()
    team = _team(province, [commune], 3)
    if culprit is None or len(team) < 2:
        stdout.write("Kiểm tra, giám sát mẫu: chưa có đảng viên mẫu, bỏ qua.")
        return
    today = timezone.localdate()
    with transaction.atomic():
        programme = Programme.objects.filter(
            unit=province, year=today.year
        ).first() or services.programme_create(
            actor=None,
            unit=province,
            year=today.year,
            title=f"Chương trình kiểm tra, giám sát năm {today.year} của Ban Thường vụ Tỉnh ủy",
            notes="Kiểm tra khi có dấu hiệu vi phạm; giám sát chuyên đề việc thực hiện quy chế làm việc.",
        )
        inspection = services.inspection_create(
            actor=None,
            code=INSPECTION_CODE,
            kind="inspection",
            basis="signs_of_violation",
            unit=province,
            targets=[commune],
            target_people=[culprit],
            subject="Việc thực hiện nguyên tắc tập trung dân chủ và quy chế làm việc của Đảng ủy xã",
            start=today - dt.timedelta(days=120),
            end=today - dt.timedelta(days=60),
            programme=programme,
            decision_number="15-QĐ/TU",
            source_signal="task_overdue: nhiệm vụ quá hạn chưa hoàn thành",
        )
        _add_team(inspection, team)
        for step, text in (
            ("plan", "Làm việc với Ban Thường vụ Đảng ủy xã; nghiên cứu hồ sơ; xác minh tại các chi bộ."),
            ("self_report", "Đảng ủy xã báo cáo việc thực hiện quy chế làm việc nhiệm kỳ 2020-2025."),
            ("findings", "Một số nghị quyết ban hành không đúng thẩm quyền; nhiều nhiệm vụ quá hạn."),
            ("draft_report", "Đảng ủy xã chưa thực hiện nghiêm quy chế làm việc; cần khắc phục."),
        ):
            services.step_record(actor=None, inspection=inspection, step=step, text=text)
        concluded_on = today - dt.timedelta(days=45)
        leads = [commune, *below]
        follow_ups = [
            services.FollowUp(text, leads[i % len(leads)], concluded_on + dt.timedelta(days=days))
            for i, (text, days) in enumerate(
                (
                    ("Sửa đổi, bổ sung quy chế làm việc của Đảng ủy xã", 30),
                    ("Tổ chức kiểm điểm tập thể, cá nhân có liên quan", 40),
                    ("Rà soát, ban hành lại các nghị quyết không đúng thẩm quyền", 90),
                    ("Báo cáo kết quả khắc phục về Ủy ban Kiểm tra Tỉnh ủy", 120),
                )
            )
        ]
        services.conclude(
            actor=None,
            inspection=inspection,
            text="Ban Thường vụ Đảng ủy xã chưa thực hiện nghiêm nguyên tắc tập trung dân chủ; "
            "một số nhiệm vụ chậm, quá hạn. Yêu cầu khắc phục theo các nội dung dưới đây.",
            follow_ups=follow_ups,
            discipline=[
                services.ProposedDiscipline(
                    form="reprimand", reason="Chưa thực hiện đúng quy chế làm việc", person=culprit
                )
            ],
            today=concluded_on,
        )
        inspection.refresh_from_db()
        for task in list(selectors.follow_up_tasks(inspection))[:2]:
            progress_report_submit(
                actor=None,
                task=task,
                percent=100,
                narrative="Đã hoàn thành và báo cáo Ủy ban Kiểm tra.",
                reported_on=concluded_on + dt.timedelta(days=rng.randint(10, 25)),
            )
        supervised = _team(province, [other], 2)
        supervision = services.inspection_create(
            actor=None,
            code=SUPERVISION_CODE,
            kind="supervision",
            basis="thematic",
            unit=province,
            targets=[other],
            subject="Giám sát chuyên đề việc lãnh đạo thực hiện nhiệm vụ chuyển đổi số",
            start=today - dt.timedelta(days=10),
            end=today + dt.timedelta(days=30),
            programme=programme,
            decision_number="18-QĐ/TU",
        )
        _add_team(supervision, supervised)
        services.step_record(
            actor=None,
            inspection=supervision,
            step="plan",
            text="Giám sát qua báo cáo và làm việc trực tiếp với Ban Thường vụ Đảng ủy xã.",
        )
    stdout.write(
        f"Kiểm tra, giám sát mẫu: chương trình năm {today.year}, {INSPECTION_CODE} đã kết luận "
        f"(khắc phục 2/4 nhiệm vụ), {SUPERVISION_CODE} đang tiến hành."
    )
