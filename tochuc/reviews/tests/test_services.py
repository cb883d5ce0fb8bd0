from __future__ import annotations

import datetime as dt

import pytest

from tochuc.accounts.models import User
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.directives.tests.task_factory import make_task
from tochuc.notifications.models import Notification
from tochuc.orgunits.models import UnitKind
from tochuc.orgunits.services import unit_create
from tochuc.reviews import expected, selectors, services
from tochuc.reviews import figures as fig
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.models import ReportStatus, ReviewPeriod
from tochuc.reviews.tests.helpers import D, member

pytestmark = pytest.mark.django_db


DEADLINE = D(2025, 4, 10)


def _quarter(tree: Tree, code: str = "T01-2025-Q1", deadline: dt.date = DEADLINE) -> ReviewPeriod:
    return services.period_open(
        actor=None, code=code, unit=tree.province, kind="quarter", year=2025, quarter=1, deadline=deadline
    )


def test_expected_units_are_the_direct_subordinates_active_on_the_last_day(tree: Tree) -> None:
    gone = unit_create(actor=None, parent=tree.province, code="T01-X09", name="Xã cũ", kind=UnitKind.COMMUNE)
    gone.valid_from, gone.valid_to = D(2020, 1, 1), D(2025, 2, 1)
    gone.save()
    period = _quarter(tree)
    status = selectors.period_status(period)
    assert [u.code for u in status.expected] == ["T01-X01", "T01-X02"]
    assert (period.starts_on, period.ends_on) == (D(2025, 1, 1), D(2025, 3, 31))


def test_code_taken_is_a_conflict_and_bad_quarter_names_the_field(tree: Tree) -> None:
    _quarter(tree)
    with pytest.raises(DomainError) as taken:
        _quarter(tree)
    assert taken.value.kind == ErrorCode.CONFLICT
    with pytest.raises(DomainError) as bad:
        services.period_open(
            actor=None,
            code="X",
            unit=tree.province,
            kind="quarter",
            year=2025,
            quarter=5,
            deadline=D(2025, 4, 1),
        )
    assert bad.value.field == "quarter"


def test_figures_match_a_hand_count(tree: Tree) -> None:
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    member(tree.cell, "A2", admitted=D(2025, 2, 3))  # admitted in the quarter
    member(tree.grassroots, "A3", admitted=D(2025, 5, 1))  # after the quarter: not yet a member
    member(tree.cell, "A4", admitted=D(2001, 1, 1), status="left")
    member(tree.commune2, "B1", admitted=D(2025, 3, 31))  # another commune
    make_task(tree.cell, tree.province, deadline=D(2025, 2, 1), completed_on=D(2025, 1, 20))  # on time
    make_task(tree.cell, tree.province, deadline=D(2025, 2, 1), completed_on=D(2025, 2, 5))  # late
    make_task(tree.grassroots, tree.province, deadline=D(2025, 3, 1))  # overdue
    make_task(tree.grassroots, tree.province, deadline=D(2025, 6, 1))  # not due in the quarter
    result = fig.compute(tree.commune, D(2025, 1, 1), D(2025, 3, 31), today=D(2025, 4, 5))
    assert result.values["members"] == 2
    assert result.values["admitted"] == 1
    assert result.values["tasks_due"] == 3
    assert result.values["tasks_done_on_time"] == 1
    assert result.values["tasks_done_late"] == 1
    assert result.values["tasks_overdue"] == 1
    assert [t["deadline"] for t in result.overdue] == ["2025-03-01"]


def test_submit_freezes_figures_and_marks_late_forever(tree: Tree) -> None:
    period = _quarter(tree)
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    report = services.report_submit(
        actor=None, period=period, unit=tree.commune, sections={"results": "Tốt"}, today=D(2025, 4, 13)
    )
    assert report.status == ReportStatus.SUBMITTED
    assert (report.late, report.delay_days, report.figures["members"]) == (True, 3, 1)
    member(tree.cell, "A2", admitted=D(2010, 1, 1))
    again = services.report_prepare(actor=None, period=period, unit=tree.commune)
    assert again.figures["members"] == 1  # frozen
    with pytest.raises(DomainError) as twice:
        services.report_submit(actor=None, period=period, unit=tree.commune)
    assert twice.value.code == ReviewsErrorCode.ALREADY_SUBMITTED
    services.report_return(actor=None, report=report, comment="Bổ sung số liệu")
    resent = services.report_submit(actor=None, period=period, unit=tree.commune, today=D(2025, 4, 11))
    assert (resent.late, resent.delay_days, resent.figures["members"]) == (True, 3, 2)


def test_status_lists_submitted_late_and_missing_and_sums_only_what_was_sent(tree: Tree) -> None:
    period = _quarter(tree)
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    member(tree.commune2, "B1", admitted=D(2010, 1, 1))
    services.report_submit(actor=None, period=period, unit=tree.commune, today=D(2025, 4, 1))
    status = selectors.period_status(period)
    assert [u.code for u in status.submitted] == ["T01-X01"]
    assert [u.code for u in status.missing] == ["T01-X02"]
    assert status.late == []
    assert status.figures["members"] == 1


def test_recursion_a_commune_reports_the_sum_of_its_cells(tree: Tree) -> None:
    cell2 = unit_create(
        actor=None, parent=tree.commune, code="T01-X01-CB2", name="Chi bộ thôn Tây", kind=UnitKind.CELL
    )
    upper = _quarter(tree)
    below = services.period_open(
        actor=None,
        code="T01-X01-2025-Q1",
        unit=tree.commune,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 5),
        parent=upper,
    )
    assert sorted(u.code for u in selectors.period_status(below).expected) == ["T01-X01-CB2", "T01-X01-CS1"]
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    member(tree.cell, "A2", admitted=D(2025, 1, 5))
    member(cell2, "C1", admitted=D(2025, 2, 5))
    member(tree.commune, "K1", admitted=D(2010, 1, 1))  # at the commune itself: not in any cell report
    one = services.report_submit(actor=None, period=below, unit=tree.grassroots, today=D(2025, 4, 1))
    two = services.report_submit(actor=None, period=below, unit=cell2, today=D(2025, 4, 1))
    commune = services.report_prepare(actor=None, period=upper, unit=tree.commune)
    expected = fig.total([one.figures, two.figures])
    assert commune.figures == expected
    assert (expected["members"], expected["admitted"]) == (3, 2)


def test_remind_notifies_the_editors_of_missing_units_once_a_day(tree: Tree, inside: User) -> None:
    from tochuc.accounts.models import Role
    from tochuc.conftest import make_user

    editor = make_user("commune2-editor", Role.SPECIALIST, tree.commune2)
    period = _quarter(tree)
    services.report_submit(actor=None, period=period, unit=tree.commune, today=D(2025, 4, 1))
    first = services.period_remind(actor=inside, period=period, today=D(2025, 4, 8))
    assert first >= 1
    assert Notification.objects.filter(user=editor, kind=services.KIND_REMINDER).count() == 1
    assert services.period_remind(actor=inside, period=period, today=D(2025, 4, 8)) == 0


def test_expected_remove_and_add_keep_the_reason(tree: Tree) -> None:
    period = _quarter(tree)
    expected.expected_remove(actor=None, period=period, unit=tree.commune2, reason="Đang sáp nhập")
    assert [u.code for u in selectors.period_status(period).expected] == ["T01-X01"]
    with pytest.raises(DomainError) as not_expected:
        services.report_submit(actor=None, period=period, unit=tree.commune2)
    assert not_expected.value.kind == ErrorCode.NOT_FOUND
    expected.expected_add(actor=None, period=period, unit=tree.grassroots, reason="Đơn vị trọng điểm")
    assert [u.code for u in selectors.period_status(period).expected] == ["T01-X01", "T01-X01-CS1"]
