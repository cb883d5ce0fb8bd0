"""The demo's training: a yearly plan, courses whose results closed some needs, needs still open."""

from __future__ import annotations

from tochuc.audit.models import AuditEvent
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Training
from tochuc.training.models import Attendance, AttendanceResult, CourseKind, TrainingPlan
from tochuc.training.needs import training_needs


def test_demo_has_a_plan_courses_and_closed_needs(demo_data: str) -> None:
    province = OrgUnit.objects.get(code="T01")
    plan = TrainingPlan.objects.get(unit=province)
    assert plan.lines.filter(kind=CourseKind.NEW_MEMBER, planned__gt=0).exists()
    passed = Attendance.objects.filter(result=AttendanceResult.PASSED).select_related("person", "training")
    assert passed.exists()
    open_needs = {(n.person_id, n.need) for n in training_needs(province)}
    for attendance in passed:
        assert (attendance.person_id, attendance.course.kind) not in open_needs
        assert attendance.training is not None
        assert Training.objects.filter(pk=attendance.training.pk, person=attendance.person).exists()
    closed = [e.summary["needs_closed"] for e in AuditEvent.objects.filter(action="training.result")]
    assert any(closed)
    # Needs remain: the plan is not done.
    assert any(need == CourseKind.NEW_MEMBER for _, need in open_needs)
    assert "Đào tạo, bồi dưỡng mẫu" in demo_data
