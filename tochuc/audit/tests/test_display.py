"""The audit page reads as a sentence: labels, names, Có/Không, dd/mm/yyyy, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tochuc.audit.display import Names, format_value, summary_lines
from tochuc.conftest import login
from tochuc.people.services import person_correct, person_create


def test_values_are_formatted_in_vietnamese():
    with translation.override("vi"):
        assert format_value(True) == "Có" and format_value(False) == "Không"
        assert format_value("2026-05-19") == "19/05/2026"
        assert format_value(None) == "—" and format_value("") == "—"
        assert format_value("reprimand", "form") == "Khiển trách"
        assert format_value(12500) == "12.500"


def test_values_are_formatted_in_english():
    with translation.override("en"):
        assert format_value(True) == "Yes" and format_value(False) == "No"
        assert format_value("2026-05-19") == "19/05/2026"
        # The interface writes numbers the Vietnamese way in both languages (tochuc/formats).
        assert format_value(12500) == "12.500"


def test_units_and_people_are_named_and_changes_are_lines():
    names = Names(units={"T01": "Đảng bộ tỉnh Hà Tĩnh"}, people={"P1": "Nguyễn Văn An"})
    summary = {"unit": "T01", "person": "P1", "changes": {"membership.status": ["probationary", "full"]}}
    with translation.override("vi"):
        lines = summary_lines(summary, names)
        assert [(line.label, line.value) for line in lines[:2]] == [
            ("Đơn vị", "Đảng bộ tỉnh Hà Tĩnh (T01)"),
            ("Cán bộ, đảng viên", "Nguyễn Văn An (P1)"),
        ]
        change = lines[2].changes[0]
        assert (change.label, change.old, change.new) == (
            "Đảng viên — Tình trạng đảng viên",
            "Dự bị",
            "Chính thức",
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "absent"), [("vi", "Lý do", "Reason"), ("en", "Reason", "Lý do")]
)
def test_the_page_shows_labels_not_keys(tree, auditor, language, expected, absent):
    person = person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={"full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male"},
    )
    person_correct(
        actor=None, person=person, reason="Theo văn bản 12-CV", values={"birth_date": dt.date(1980, 5, 2)}
    )
    client = login(auditor)
    client.cookies["django_language"] = language
    page = client.get(reverse("audit:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<dt>{expected}</dt>" in page and f"<dt>{absent}</dt>" not in page
    assert "02/05/1980" in page and "birth_date" not in page and "<code>person.correct</code>" not in page


def test_a_line_of_the_2c_is_named_with_its_own_field_and_unit_kinds_are_named():
    with translation.override("vi"):
        lines = summary_lines(
            {"changes": {"career.description": ["Giáo viên", "Tổ trưởng"]}, "kind": "commune"}
        )
        assert lines[0].changes[0].label == "Quá trình công tác — Chức danh, chức vụ, đơn vị công tác"
        assert lines[1].value == "Đảng bộ xã, phường, đặc khu"
