"""The registers and the dashboard in Excel: scoped, text kept as text, the sender's identity only for
the roles that handle the item (and then audited), nowhere else (API, pages without the reveal)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.feedback import services
from tochuc.feedback.models import Feedback
from tochuc.proposals import services as proposal_services


def _submit(tree: Tree, unit: str = "T01-X01", **kwargs: Any) -> Feedback:
    values: dict[str, Any] = {
        "unit": unit,
        "kind": "organization",
        "content": '=HYPERLINK("http://x") chi bộ họp không đúng kỳ',
        "sender_name": "Nguyễn Văn An",
        "sender_contact": "0912 345 678",
        "address": "10.0.0.9",
    }
    values.update(kwargs)
    return services.feedback_submit_public(**values)


def _rows(response: Any) -> list[list[Any]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [[c.value for c in row] for row in book.worksheets[0].iter_rows()]


def test_the_feedback_export_carries_the_identity_only_for_the_handling_roles(
    tree: Tree, inside: User, auditor: User, outside: User
) -> None:
    item = _submit(tree)
    viewer = make_user("viewer2", Role.VIEWER, tree.province)
    for user in (auditor, viewer):
        rows = _rows(login(user).get("/feedback/export.xlsx"))
        assert [r[0] for r in rows[1:]] == [item.tracking_code]
        flat = " ".join(str(v) for r in rows for v in r if v)
        assert "Nguyễn Văn An" not in flat and "0912" not in flat
    assert AuditEvent.objects.filter(action="feedback.export").count() == 2
    assert not AuditEvent.objects.filter(action="feedback.identity_export").exists()

    rows = _rows(login(inside).get("/feedback/export.xlsx?channel=citizen"))
    header, row = rows[0], rows[1]
    assert row[header.index("Họ và tên người gửi")] == "Nguyễn Văn An"
    assert row[header.index("Nội dung")].startswith("=HYPERLINK")  # text, not a formula
    event = AuditEvent.objects.get(action="feedback.identity_export")
    assert event.actor_id == inside.pk
    assert event.summary["identities"] == [item.pk]
    assert event.summary["channel"] == "citizen"
    assert len(_rows(login(outside).get("/feedback/export.xlsx"))) == 1  # headers only
    assert Client().get("/feedback/export.xlsx").status_code == 302


def test_the_identity_is_in_no_list_no_api_and_no_page_without_the_reveal(
    tree: Tree, inside: User, leader: User
) -> None:
    item = _submit(tree)
    for client in (login(inside), login(leader)):
        for url in ("/feedback/", f"/feedback/{item.pk}/", "/api/v1/feedback/", "/proposals/dashboard/"):
            text = client.get(url).content.decode()
            assert "Nguyễn Văn An" not in text and "0912 345 678" not in text, url
    assert not AuditEvent.objects.filter(action="feedback.identity_view").exists()


def test_a_letter_with_a_name_but_no_contact_is_anonymous_yet_its_name_is_seen_by_handlers(
    tree: Tree, inside: User, auditor: User
) -> None:
    item = _submit(tree, sender_contact="")
    assert item.anonymous
    assert login(auditor).post(f"/feedback/{item.pk}/sender/").status_code == 404
    shown = login(inside).post(f"/feedback/{item.pk}/sender/")
    assert "Nguyễn Văn An" in shown.content.decode()
    assert AuditEvent.objects.filter(action="feedback.identity_view", actor_id=inside.pk).count() == 1


def test_the_proposals_export_and_the_dashboard_export_are_scoped(
    tree: Tree, inside: User, outside: User
) -> None:
    proposal = proposal_services.proposal_send(
        actor=None,
        from_unit=tree.commune,
        to_unit=None,
        kind="policy",
        subject="+84 phụ cấp cấp ủy",
        content="Nội dung",
        sent_on=dt.date(2026, 1, 5),
    )
    proposal_services.proposal_answer_write(actor=None, proposal=proposal, answer="Trả lời")
    proposal_services.proposal_answer_approve(
        actor=None, proposal=proposal, answered_on=proposal.answer_due + dt.timedelta(days=2)
    )
    _submit(tree)
    rows = _rows(login(inside).get("/proposals/export.xlsx?status=late"))
    header = rows[0]
    assert [r[header.index("Trích yếu")] for r in rows[1:]] == ["+84 phụ cấp cấp ủy"]
    assert rows[1][header.index("Đúng hạn")] == "Trả lời chậm"
    assert len(_rows(login(outside).get("/proposals/export.xlsx"))) == 1

    response = login(inside).get("/proposals/dashboard/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    proposals, feedback = book.worksheets
    by_code = {r[0]: r for r in proposals.iter_rows(min_row=2, values_only=True)}
    p_header = [c.value for c in proposals[1]]
    assert by_code["T01"][p_header.index("Đã trả lời")] == 1
    assert by_code["T01"][p_header.index("Tỷ lệ đúng hạn")] == 0
    f_header = [c.value for c in feedback[1]]
    f_rows = {r[0]: r for r in feedback.iter_rows(min_row=2, values_only=True)}
    assert f_rows["T01-X01"][f_header.index("Tổng")] == 1
    assert AuditEvent.objects.filter(action="proposal.dashboard_export").count() == 1
    empty = load_workbook(io.BytesIO(login(outside).get("/proposals/dashboard/export.xlsx").content))
    assert [len(list(ws.iter_rows())) for ws in empty.worksheets] == [1, 1]


def test_files_of_an_item_are_downloaded_by_the_handling_roles_only_and_audited(
    tree: Tree, inside: User, auditor: User
) -> None:
    from tochuc.core.attachments import Upload

    scan = b"%PDF-1.4\n%%EOF\n"
    item = services.feedback_record_press(
        actor=inside,
        concerned_unit=tree.commune,
        kind="organization",
        content="Bài báo phản ánh",
        outlet="Báo Hà Tĩnh",
        published_on=dt.date(2026, 4, 1),
        files=[Upload("ban-chup.pdf", "application/pdf", scan)],
    )
    stored = item.files.get()
    url = f"/feedback/{item.pk}/files/{stored.pk}/"
    assert login(auditor).get(url).status_code == 404
    assert "ban-chup.pdf" in login(auditor).get(f"/feedback/{item.pk}/").content.decode()
    got = login(inside).get(url)
    assert got.status_code == 200 and got.content == scan
    assert AuditEvent.objects.filter(action="feedback.file_view", actor_id=inside.pk).count() == 1


def test_the_identity_is_written_row_by_row_for_a_user_handling_only_some_units(tree: Tree) -> None:
    province_item = _submit(tree, unit="T01", sender_name="Trần Thị Bình", sender_contact="0988 111 222")
    commune_item = _submit(tree)
    mixed = make_user("mixed", Role.VIEWER, tree.province)
    from tochuc.accounts.services import grant_role

    grant_role(actor=None, user=mixed, role=Role.SPECIALIST, unit=tree.commune)
    rows = _rows(login(mixed).get("/feedback/export.xlsx"))
    header = rows[0]
    names = {r[0]: r[header.index("Họ và tên người gửi")] for r in rows[1:]}
    assert names == {province_item.tracking_code: None, commune_item.tracking_code: "Nguyễn Văn An"}
    event = AuditEvent.objects.get(action="feedback.identity_export")
    assert event.summary["identities"] == [commune_item.pk]


def test_register_exports_are_filed_under_the_unit_they_hold(tree: Tree, inside: User, outside: User) -> None:
    from tochuc.audit.exports import common_unit_path

    assert common_unit_path([tree.cell.path, tree.commune2.path]) == tree.province.path
    assert common_unit_path([tree.cell.path, tree.grassroots.path]) == tree.grassroots.path
    assert common_unit_path([]) == ""
    _submit(tree)
    proposal_services.proposal_send(
        actor=None, from_unit=tree.commune, to_unit=None, kind="policy", subject="Phụ cấp", content="x"
    )
    login(inside).get("/feedback/export.xlsx")
    login(inside).get("/proposals/export.xlsx")
    login(inside).get("/proposals/dashboard/export.xlsx")
    login(outside).get("/feedback/export.xlsx")
    paths = {
        (e.action, e.actor_id): e.unit_path for e in AuditEvent.objects.filter(action__endswith="export")
    }
    assert paths == {
        ("feedback.identity_export", inside.pk): tree.commune.path,
        ("proposal.export", inside.pk): tree.province.path,
        ("proposal.dashboard_export", inside.pk): tree.province.path,
        # Nothing exported: filed under the user's own reach, never under no unit.
        ("feedback.export", outside.pk): tree.other_province.path,
    }
