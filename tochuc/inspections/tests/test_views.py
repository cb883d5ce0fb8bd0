"""Inspection pages with the named cast: the signals page, a new inspection from a signal, the
detail with its team and steps, the conclusion form and the Word conclusion."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape

import pytest
from django.test import Client
from docx import Document

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.core.dates import today
from tochuc.directives.tests.task_factory import make_task
from tochuc.inspections.models import Inspection
from tochuc.inspections.tests.factory import make_inspection, make_person

pytestmark = pytest.mark.django_db


def test_signals_page_offers_to_start_an_inspection(tree: Tree, inside: User) -> None:
    make_task(tree.commune, tree.province, deadline=today() - dt.timedelta(days=60))
    response = login(inside).get("/inspections/signals/", {"unit": tree.province.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="start-inspection"' in html
    link = re.search(r'href="(/inspections/new/\?[^"]+)" data-testid="start-inspection"', html)
    assert link is not None
    address = unescape(link.group(1))
    # Only the unit, the kind and a reference travel; the server finds the signal again.
    assert "signal=task_overdue" in address and "subject" not in address and "source_signal" not in address
    page = login(inside).get(address).content.decode()
    assert f'value="{tree.commune.code}"' in page and "signs_of_violation" in page
    assert 'name="source_signal" value="' in page and "quá hạn" in page.lower()


def test_signals_page_outside_is_not_found_and_anonymous_must_sign_in(tree: Tree, outside: User) -> None:
    assert login(outside).get("/inspections/signals/", {"unit": tree.province.code}).status_code == 404
    response = Client().get("/inspections/signals/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_leader_sees_signals_without_the_start_button(tree: Tree, leader: User) -> None:
    make_task(tree.grassroots, tree.commune, deadline=today() - dt.timedelta(days=60))
    html = login(leader).get("/inspections/signals/").content.decode()
    assert 'data-testid="signal"' in html
    assert 'data-testid="start-inspection"' not in html


def test_new_inspection_from_the_form(tree: Tree, inside: User) -> None:
    client = login(inside)
    page = client.get(
        "/inspections/new/",
        {"unit": tree.province.code, "targets": tree.commune.code, "source_signal": "task_overdue: x"},
    )
    # The address may prefill the unit and the targets, never a signal's text.
    assert page.status_code == 200 and tree.commune.code in page.content.decode()
    assert "task_overdue: x" not in page.content.decode()
    response = client.post(
        "/inspections/new/",
        {
            "code": "kt-1",
            "kind": "supervision",
            "basis": "thematic",
            "unit": tree.province.code,
            "targets": f"{tree.commune.code}, {tree.commune2.code}",
            "target_people": "",
            "subject": "Giám sát chuyên đề",
            "start": "01/03/2026",
            "end": "30/04/2026",
            "source_signal": "task_overdue: x",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(code="KT-1")
    assert inspection.source_signal == "task_overdue: x"
    assert inspection.targets.count() == 2
    bad = client.post(
        "/inspections/new/",
        {
            "code": "KT-2",
            "kind": "inspection",
            "basis": "regular",
            "unit": tree.province.code,
            "targets": "T02-X01",
            "subject": "x",
            "start": "01/03/2026",
            "end": "30/04/2026",
        },
    )
    assert bad.status_code == 400
    assert "T02-X01" in bad.content.decode()


def test_team_conflict_is_shown_with_its_reason(tree: Tree, inside: User) -> None:
    inspection = make_inspection(tree)
    make_person(tree.cell, "Nguyễn Văn Xuân", "P-CELL")
    response = login(inside).post(
        f"/inspections/{inspection.code}/members/", {"person": "P-CELL", "role": "member"}
    )
    assert response.status_code == 400
    assert tree.commune.name in response.content.decode()


def test_conclude_through_the_page_and_download_word(
    tree: Tree, inside: User, leader: User, outside: User
) -> None:
    inspection = make_inspection(tree)
    client = login(inside)
    assert (
        client.post(
            f"/inspections/{inspection.code}/steps/findings/", {"findings-text": "Đã xác minh"}
        ).status_code
        == 302
    )
    deadline = (today() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    response = client.post(
        f"/inspections/{inspection.code}/conclusion/",
        {
            "text": "Đảng ủy xã cần khắc phục.",
            "fu-TOTAL_FORMS": "2",
            "fu-INITIAL_FORMS": "0",
            "fu-0-text": "Sửa quy chế làm việc",
            "fu-0-lead_unit": tree.commune.code,
            "fu-0-deadline": deadline,
            "fu-1-text": "",
            "kl-TOTAL_FORMS": "1",
            "kl-INITIAL_FORMS": "0",
            "kl-0-person": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = login(leader).get(f"/inspections/{inspection.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sửa quy chế làm việc" in html and "0/1" in html
    download = client.get(f"/inspections/{inspection.code}/conclusion.docx")
    assert download.status_code == 200
    word = Document(io.BytesIO(download.content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in word.paragraphs] + cells)
    assert "KẾT LUẬN" in text and "01-KL/TU" in text
    assert login(outside).get(f"/inspections/{inspection.code}/").status_code == 404
    assert login(outside).get(f"/inspections/{inspection.code}/conclusion.docx").status_code == 404
    assert login(leader).get(f"/inspections/{inspection.code}/conclusion/").status_code == 404


def test_list_and_programme(tree: Tree, inside: User, outside: User) -> None:
    make_inspection(tree)
    client = login(inside)
    response = client.post(
        "/inspections/programmes/new/",
        {"unit": tree.province.code, "year": "2026", "title": "Chương trình kiểm tra, giám sát năm 2026"},
    )
    assert response.status_code == 302
    html = client.get("/inspections/").content.decode()
    assert "KT-01" in html and "Chương trình kiểm tra, giám sát năm 2026" in html
    assert "KT-01" not in login(outside).get("/inspections/").content.decode()


def test_audit_signals_are_hidden_from_a_viewer(tree: Tree) -> None:
    from django.db import transaction

    from tochuc.accounts.models import Role
    from tochuc.audit.services import record
    from tochuc.conftest import make_user
    from tochuc.inspections.rules import get_pack

    person = make_person(tree.cell, "Bùi Văn Tâm", "P-V")
    with transaction.atomic():
        for _i in range(get_pack().reveal_min):
            record(actor=None, action="person.reveal_citizen_id", target=person, unit_path=tree.cell.path)
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    specialist = make_user("chuyenvien", Role.SPECIALIST, tree.province)
    assert (
        'data-testid="signal-group-citizen_id_reveals"'
        not in login(viewer).get("/inspections/signals/").content.decode()
    )
    assert (
        'data-testid="signal-group-citizen_id_reveals"'
        in login(specialist).get("/inspections/signals/").content.decode()
    )


def test_detail_shows_proposed_discipline_with_its_form(tree: Tree, inside: User) -> None:
    from tochuc.inspections import services

    culprit = make_person(tree.cell, "Lương Văn Vinh", "P-KL")
    inspection = make_inspection(tree, target_people=[culprit])
    services.conclude(
        actor=None,
        inspection=inspection,
        text="Kết luận",
        follow_ups=[],
        discipline=[services.ProposedDiscipline(form="warning", reason="Vi phạm quy chế", person=culprit)],
        today=today(),
    )
    html = login(inside).get(f"/inspections/{inspection.code}/").content.decode()
    assert "Cảnh cáo" in html and "Chờ cấp có thẩm quyền quyết định" in html and "0/1" in html


def _right_feedback(tree: Tree) -> None:
    from tochuc.feedback.models import Feedback, FeedbackStatus

    day = today()
    Feedback.objects.create(
        tracking_code="GY-RIGHT",
        channel="citizen",
        kind="cadre",
        concerned_unit=tree.cell,
        unit=tree.grassroots,
        content="x",
        received_on=day - dt.timedelta(days=40),
        due_on=day - dt.timedelta(days=10),
        pack="default-2026",
        status=FeedbackStatus.ANSWERED,
        finding="right",
        answered_on=day - dt.timedelta(days=5),
    )


def test_feedback_found_right_only_for_those_who_handle_feedback(tree: Tree, inside: User) -> None:
    from tochuc.accounts.models import Role
    from tochuc.conftest import make_user

    _right_feedback(tree)
    group = 'data-testid="signal-group-feedback_right"'
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    approver = make_user("lanhdao", Role.LEADER, tree.province)
    params = {"unit": tree.province.code}
    assert group not in login(viewer).get("/inspections/signals/", params).content.decode()
    assert group in login(approver).get("/inspections/signals/", params).content.decode()
    assert group in login(inside).get("/inspections/signals/", params).content.decode()


def test_a_start_link_outside_the_reach_fills_nothing(tree: Tree, inside: User, outside: User) -> None:
    make_task(tree.commune, tree.province, deadline=today() - dt.timedelta(days=60))
    html = login(inside).get("/inspections/signals/", {"unit": tree.province.code}).content.decode()
    link = re.search(r'href="(/inspections/new/\?[^"]+)" data-testid="start-inspection"', html)
    assert link is not None
    page = login(outside).get(unescape(link.group(1))).content.decode()
    assert f'value="{tree.commune.code}"' not in page and 'name="source_signal" value="' not in page
    forged = login(inside).get(
        "/inspections/new/", {"unit": tree.province.code, "signal": "task_overdue", "ref": "0" * 16}
    )
    assert 'name="source_signal" value="' not in forged.content.decode()
    response = Client().get(unescape(link.group(1)))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_is_paged_with_its_total(tree: Tree, inside: User, outside: User, settings: object) -> None:
    settings.TOCHUC_PAGE_SIZE = 2  # type: ignore[attr-defined]
    for i in range(3):
        make_inspection(tree, code=f"KT-0{i}", start=dt.date(2026, 3, 1 + i), end=dt.date(2026, 4, 30))
    first = login(inside).get("/inspections/").content.decode()
    assert "3 cuộc" in first and "KT-02" in first and "KT-01" in first and "KT-00" not in first
    second = login(inside).get("/inspections/", {"page": "2"}).content.decode()
    assert "KT-00" in second and "KT-02" not in second
    assert "0 cuộc" in login(outside).get("/inspections/").content.decode()
    response = Client().get("/inspections/", {"page": "2"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_discipline_proposed_on_the_conclusion_page_reaches_the_discipline_list(
    tree: Tree, inside: User, outside: User
) -> None:
    culprit = make_person(tree.cell, "Lương Văn Vinh", "P-KL")
    inspection = make_inspection(tree, target_people=[culprit])
    violated = (today() - dt.timedelta(days=90)).strftime("%d/%m/%Y")
    response = login(inside).post(
        f"/inspections/{inspection.code}/conclusion/",
        {
            "text": "Kết luận có đề nghị kỷ luật.",
            "fu-TOTAL_FORMS": "1",
            "fu-INITIAL_FORMS": "0",
            "fu-0-text": "",
            "kl-TOTAL_FORMS": "1",
            "kl-INITIAL_FORMS": "0",
            "kl-0-person": "P-KL",
            "kl-0-form": "warning",
            "kl-0-reason": "Vi phạm quy chế làm việc",
            "kl-0-violation_on": violated,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    listed = login(inside).get("/rewards/discipline/", {"unit": tree.province.code}).content.decode()
    assert 'data-testid="disciplines-proposed"' in listed and "Lương Văn Vinh" in listed
    assert login(outside).get("/rewards/discipline/", {"unit": tree.province.code}).status_code == 404
    assert login(outside).post(f"/inspections/{inspection.code}/conclusion/", {}).status_code == 404
    anonymous = Client().post(f"/inspections/{inspection.code}/conclusion/", {})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
