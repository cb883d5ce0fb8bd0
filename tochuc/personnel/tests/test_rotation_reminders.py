"""Rotation limits, the watch lists, and re-appointment reminders 90 working days ahead."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tochuc.core.errors import DomainError
from tochuc.notifications.models import Notification
from tochuc.personnel.models import Procedure, ProcedureKind, ProcedureStatus
from tochuc.personnel.reminders import add_working_days, reappointment_reminders
from tochuc.personnel.selectors import heads_near_term_limit, local_in_non_local_posts
from tochuc.personnel.services import rotation_create, rotation_end
from tochuc.positions.models import Assignment, Position, PositionGroup


def test_rotation_lasts_at_least_36_months(inside: Any, tree: Any, make_person: Any) -> None:
    person = make_person("Mai Văn Bảo", born=dt.date(1985, 1, 1))
    with pytest.raises(DomainError) as error:
        rotation_create(
            actor=inside,
            person=person,
            to_unit=tree.commune2,
            purpose="Rèn luyện thực tiễn",
            start=dt.date(2026, 1, 1),
            planned_end=dt.date(2028, 12, 31),
        )
    assert "36 tháng" in error.value.message
    rotation = rotation_create(
        actor=inside,
        person=person,
        to_unit=tree.commune2,
        purpose="Rèn luyện thực tiễn",
        start=dt.date(2026, 1, 1),
    )
    assert rotation.planned_end == dt.date(2029, 1, 1)
    with pytest.raises(DomainError) as error:
        rotation_end(actor=inside, rotation=rotation, ended_on=dt.date(2027, 1, 1))
    assert error.value.field == "note"
    ended = rotation_end(
        actor=inside, rotation=rotation, ended_on=dt.date(2027, 1, 1), note="Điều động theo yêu cầu."
    )
    assert ended.ended_on == dt.date(2027, 1, 1)


def test_rotation_needs_ten_years_of_working_time_left(inside: Any, tree: Any, make_person: Any) -> None:
    with pytest.raises(DomainError) as error:
        rotation_create(
            actor=inside,
            person=make_person("Tạ Văn Cảnh", born=dt.date(1968, 1, 1)),
            to_unit=tree.commune2,
            purpose="Rèn luyện thực tiễn",
            start=dt.date(2026, 1, 1),
        )
    assert "10 năm" in error.value.message


def test_working_days_skip_weekends() -> None:
    assert add_working_days(dt.date(2026, 11, 27), 1) == dt.date(2026, 11, 30)  # Friday → Monday
    assert add_working_days(dt.date(2026, 11, 23), 90) == dt.date(2027, 3, 29)


def _decided(tree: Any, title: Any, person: Any, *, kind: str, term_end: dt.date) -> Procedure:
    return Procedure.objects.create(
        kind=kind,
        unit=tree.commune,
        title=title,
        candidate=person,
        pack="qd377-2025",
        file_received_on=term_end - dt.timedelta(days=5 * 365),
        status=ProcedureStatus.DECIDED,
        term_end=term_end,
    )


def test_reappointment_reminder_goes_out_90_working_days_before_once(
    inside: Any, outside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    today = dt.date(2026, 11, 23)
    due = _decided(
        tree,
        vice_title,
        make_person("Lâm Văn Đức"),
        kind=ProcedureKind.APPOINTMENT,
        term_end=add_working_days(today, 90),
    )
    _decided(
        tree,
        vice_title,
        make_person("Lâm Văn Em"),
        kind=ProcedureKind.APPOINTMENT,
        term_end=add_working_days(today, 91),
    )
    assert reappointment_reminders(today) >= 1
    notes = Notification.objects.filter(kind="procedure.reappointment")
    assert set(notes.values_list("user_id", flat=True)) >= {inside.pk}
    assert outside.pk not in set(notes.values_list("user_id", flat=True))
    assert all("Lâm Văn Đức" in note.text for note in notes)
    assert str(due.term_end.year) in notes.first().text
    assert reappointment_reminders(today) == 0


def test_heads_in_their_second_term_and_local_people_in_non_local_posts(
    inside: Any, tree: Any, secretary_title: Any, make_person: Any
) -> None:
    head = make_person("Quách Văn Giao", hometown="xã An Bình, tỉnh Hà Tĩnh")
    _decided(tree, secretary_title, head, kind=ProcedureKind.APPOINTMENT, term_end=dt.date(2025, 1, 1))
    _decided(tree, secretary_title, head, kind=ProcedureKind.REAPPOINTMENT, term_end=dt.date(2030, 1, 1))
    once = make_person("Quách Văn Hưng")
    _decided(tree, secretary_title, once, kind=ProcedureKind.APPOINTMENT, term_end=dt.date(2030, 1, 1))
    rows = heads_near_term_limit(inside, tree.province)
    assert [(row["candidate__full_name"], row["terms"]) for row in rows] == [("Quách Văn Giao", 2)]
    seat = Position.objects.create(
        unit=tree.commune, title=secretary_title, name="Bí thư", group=PositionGroup.LEADERSHIP
    )
    Assignment.objects.create(person=head, position=seat, kind="holder", start=dt.date(2025, 1, 1))
    other = Position.objects.create(
        unit=tree.commune, title=secretary_title, name="Bí thư 2", group=PositionGroup.LEADERSHIP
    )
    Assignment.objects.create(person=once, position=other, kind="holder", start=dt.date(2025, 1, 1))
    assert [a.person.full_name for a in local_in_non_local_posts(inside, tree.province)] == ["Quách Văn Giao"]


def test_reminder_command_reports_what_it_sent(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command

    today = dt.date(2026, 11, 23)
    _decided(
        tree,
        vice_title,
        make_person("Lâm Văn Phú"),
        kind=ProcedureKind.APPOINTMENT,
        term_end=today + dt.timedelta(days=30),
    )
    out = StringIO()
    call_command("personnel_reminders", "--today", today.isoformat(), stdout=out)
    assert out.getvalue().startswith("2026-11-23: ") and "0 thông báo" not in out.getvalue()
    again = StringIO()
    call_command("personnel_reminders", "--today", today.isoformat(), stdout=again)
    assert "0 thông báo" in again.getvalue()
