"""Demo directives: the seed Conclusion with its 8 tasks, child tasks, progress, overdue; idempotent."""

from __future__ import annotations

import io
import random
from collections import Counter

import pytest
from django.utils import timezone

from tochuc.audit.models import AuditEvent
from tochuc.demo import directives as demo
from tochuc.demo import units as unit_demo
from tochuc.directives.models import Directive, ProgressReport, Task, TaskStatus
from tochuc.directives.status import status_expression

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    demo.seed_directives(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(demo_data: str) -> str:
    return demo_data


def test_the_seed_is_the_conclusion_with_its_8_tasks_assigned(seeded: str) -> None:
    assert demo.seed_document_path() is not None, "the seed document was not found"
    conclusion = Directive.objects.get(number_symbol="03-KL/BTCTW")
    assert (conclusion.doc_type, conclusion.number, conclusion.issuer_code) == ("KL", "03", "BTCTW")
    assert conclusion.issued_on is not None and conclusion.issued_on.isoformat() == "2017-03-16"
    assert conclusion.unit.code == "BTCTW"
    assert conclusion.signer_name == "Nguyễn Thanh Bình"
    assert len(conclusion.recipients) == 9
    top = list(conclusion.tasks.filter(parent=None).order_by("id"))
    assert [t.no for t in top] == [str(n) for n in range(1, 9)]
    assert top[3].text.startswith("Tiếp tục đẩy mạnh cải cách hành chính")
    for task in conclusion.tasks.all():
        assert task.lead_unit is not None and task.lead_path == task.lead_unit.path
    assert {t.lead_unit.code for t in top} >= {"BTCTW-V1", "BTCTW-V4", "T01", "T02"}


def test_provinces_break_tasks_down_for_their_communes(seeded: str) -> None:
    children = Task.objects.filter(directive__number_symbol="03-KL/BTCTW", parent__isnull=False)
    assert children.count() == 7
    for child in children.select_related("parent", "lead_unit", "assigned_by"):
        assert child.assigned_by_id == child.parent.lead_unit_id
        assert child.lead_path.startswith(child.assigned_by.path)
        assert child.lead_unit.kind == "commune"


def test_every_status_shows_and_some_tasks_are_overdue(seeded: str) -> None:
    today = timezone.localdate()
    statuses = Counter(Task.objects.annotate(s=status_expression(today)).values_list("s", flat=True))
    assert statuses[TaskStatus.OVERDUE] >= 3
    assert set(statuses) == set(TaskStatus.values)
    assert ProgressReport.objects.count() >= Task.objects.exclude(last_report_on=None).count()
    for task in Task.objects.exclude(last_report_on=None):
        latest = task.reports.first()
        assert latest is not None and latest.reported_on == task.last_report_on
    # A provincial plan with tasks for its communes.
    plan = Directive.objects.get(number_symbol="12-KH/TU")
    assert {t.lead_unit.parent.code for t in plan.tasks.all()} == {"T01"}
    assert Directive.objects.filter(number_symbol="08-CT/TU").exists()


def test_running_again_adds_nothing_and_audits_once(seeded: str) -> None:
    counts = (Directive.objects.count(), Task.objects.count(), ProgressReport.objects.count())
    assert "tạo mới 3 văn bản" in seeded
    again = _seed()
    assert "tạo mới 0 văn bản, 0 nhiệm vụ" in again
    assert (Directive.objects.count(), Task.objects.count(), ProgressReport.objects.count()) == counts
    assert AuditEvent.objects.filter(action="directive.bulk_seed").count() == 1


def test_the_minimal_reader_reads_the_seed_like_the_contract() -> None:
    path = demo.seed_document_path()
    assert path is not None
    parsed = demo.read_minimal(path.read_text(encoding="utf-8"))
    assert parsed["number_symbol"] == "03-KL/BTCTW"
    assert (parsed["place"], parsed["date"]) == ("Hà Nội", "2017-03-16")
    assert [t["no"] for t in parsed["tasks"]] == [str(n) for n in range(1, 9)]
    assert parsed["tasks"][2]["text"].endswith("trình Hội nghị Trung ương 7 khóa XII.")
    assert "đẩy nhanh tiến độ" in parsed["tasks"][2]["text"]
    assert len(parsed["recipients"]) == 9
    assert parsed["signer"] == {
        "capacity": "K/T TRƯỞNG BAN",
        "position": "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        "name": "Nguyễn Thanh Bình",
    }
    assert parsed["report_periods"] == ["3 tháng", "6 tháng"]
