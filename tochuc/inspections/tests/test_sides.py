"""Who sees what of an inspection: the inspecting side sees all of it, a target's side only what
concerns the targets it reaches (page, Word conclusion and API)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, login, make_user
from tochuc.core.dates import today
from tochuc.inspections import services
from tochuc.inspections.models import Inspection
from tochuc.inspections.tests.factory import make_inspection, make_person

pytestmark = pytest.mark.django_db

OTHER_TASK = "Rà soát hồ sơ kết nạp ở Đức Thọ"
OWN_TASK = "Sửa đổi quy chế làm việc ở An Bình"


def _concluded(tree: Tree) -> Inspection:
    culprit = make_person(tree.commune2, "Lương Văn Vinh", "P-KL")
    inspection = make_inspection(tree, targets=[tree.commune, tree.commune2], target_people=[culprit])
    for step, text in (
        ("plan", "Kế hoạch nội bộ của đoàn"),
        ("self_report", "Báo cáo tự kiểm tra của xã"),
        ("findings", "Kết quả thẩm tra chưa công bố"),
        ("draft_report", "Dự thảo chưa thông qua"),
    ):
        services.step_record(actor=None, inspection=inspection, step=step, text=text)
    deadline = today() + dt.timedelta(days=30)
    return services.conclude(
        actor=None,
        inspection=inspection,
        text="Kết luận đã ban hành",
        follow_ups=[
            services.FollowUp(OWN_TASK, tree.commune, deadline),
            services.FollowUp(OTHER_TASK, tree.commune2, deadline),
        ],
        discipline=[services.ProposedDiscipline(form="warning", reason="Vi phạm quy chế", person=culprit)],
        today=today(),
    )


def _docx_text(content: bytes) -> str:
    word = Document(io.BytesIO(content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_a_target_sees_only_its_own_part(tree: Tree, leader: User) -> None:
    inspection = _concluded(tree)
    html = login(leader).get(f"/inspections/{inspection.code}/").content.decode()
    assert tree.commune.name in html and OWN_TASK in html and "0/1" in html
    assert "Báo cáo tự kiểm tra của xã" in html and "Kết luận đã ban hành" in html
    for hidden in (
        tree.commune2.name,
        OTHER_TASK,
        "Kế hoạch nội bộ của đoàn",
        "Kết quả thẩm tra chưa công bố",
        "Dự thảo chưa thông qua",
        "Lương Văn Vinh",
        "Vi phạm quy chế",
    ):
        assert hidden not in html, hidden
    word = _docx_text(login(leader).get(f"/inspections/{inspection.code}/conclusion.docx").content)
    assert OWN_TASK in word and OTHER_TASK not in word and "Lương Văn Vinh" not in word
    assert tree.commune2.name not in word
    api = login(leader).get(f"/api/v1/inspections/{inspection.code}").json()
    assert api["targets"] == [tree.commune.code] and api["target_people"] == []
    assert [f["text"] for f in api["follow_ups"]] == [OWN_TASK]


def test_the_inspecting_side_and_the_team_see_everything(tree: Tree, inside: User) -> None:
    inspection = _concluded(tree)
    html = login(inside).get(f"/inspections/{inspection.code}/").content.decode()
    for shown in (tree.commune2.name, OTHER_TASK, "Dự thảo chưa thông qua", "Lương Văn Vinh", "0/3"):
        assert shown in html, shown
    member = make_person(tree.department, "Phạm Thị Hoa", "P-DOAN")
    inspection.members.create(person=member, role="member")
    on_team = make_user("doan", Role.VIEWER, tree.department)
    on_team.person = member
    on_team.save(update_fields=["person"])
    html = login(on_team).get(f"/inspections/{inspection.code}/").content.decode()
    assert "Dự thảo chưa thông qua" in html and OTHER_TASK in html
    api = login(inside).get(f"/api/v1/inspections/{inspection.code}").json()
    assert api["targets"] == [tree.commune.code, tree.commune2.code]


def test_outside_is_not_found_and_anonymous_must_sign_in(tree: Tree, outside: User) -> None:
    inspection = _concluded(tree)
    assert login(outside).get(f"/inspections/{inspection.code}/").status_code == 404
    assert login(outside).get(f"/api/v1/inspections/{inspection.code}").status_code == 404
    response = Client().get(f"/inspections/{inspection.code}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
