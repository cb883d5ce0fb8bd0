"""Who reports (added, excused), files on a report, the hand-over of proposals, and the dispatch of
an issued report to recipient units that acknowledge it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.core.errors import DomainError
from tochuc.notifications.models import Notification
from tochuc.proposals.models import Proposal, ProposalKind
from tochuc.reviews import dispatch, documents, register, selectors, services
from tochuc.reviews.handover import hand_over_proposals
from tochuc.reviews.models import Dispatch, ReportFile, ReviewPeriod, UnitReport
from tochuc.reviews.tests.helpers import D

pytestmark = pytest.mark.django_db
CODE = "T01-2025-Q1"


def _period(tree: Tree, inside: User) -> ReviewPeriod:
    return services.period_open(
        actor=inside,
        code=CODE,
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )


def test_the_opener_excuses_and_adds_units_with_a_reason(tree: Tree, inside: User, outside: User) -> None:
    period = _period(tree, inside)
    page = login(inside)
    url = f"/reviews/periods/{CODE}/expected/"
    assert login(outside).get(url).status_code == 404
    assert login(make_user("xa", Role.SPECIALIST, tree.commune)).get(url).status_code == 404
    assert "Đảng bộ xã Đức Thọ" in page.get(url).content.decode()
    # No reason, no change.
    page.post(url, {"unit": "T01-X02", "reason": "", "remove": "1"})
    assert len(selectors.period_status(period).missing) == 2
    page.post(url, {"unit": "T01-X02", "reason": "Đang sáp nhập", "remove": "1"})
    status = selectors.period_status(period)
    assert [u.code for u in status.missing] == ["T01-X01"]
    assert [line.removed_reason for line in status.removed] == ["Đang sáp nhập"]
    # A unit of the subtree may be added; one outside the opener's scope is not offered.
    response = page.post(url, {"unit": "T01-X01-CS1", "reason": "Đơn vị trọng điểm", "add": "1"})
    assert response.status_code == 302
    assert "T01-X01-CS1" in [u.code for u in selectors.period_status(period).missing]
    refused = page.post(url, {"unit": "T02", "reason": "x", "add": "1"})
    assert refused.status_code == 200 and "T02" not in [
        u.code for u in selectors.period_status(period).expected
    ]
    assert period.expected.filter(unit__code="T02").count() == 0


def test_files_go_with_the_report_and_are_read_like_it(tree: Tree, inside: User, outside: User) -> None:
    _period(tree, inside)
    commune = login(make_user("xa", Role.SPECIALIST, tree.commune))
    url = f"/reviews/periods/{CODE}/units/T01-X01/"
    commune.get(url)
    bad = commune.post(url, {"results": "x", "attachments": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 200 and "không thuộc loại được nhận" in bad.content.decode()
    assert not ReportFile.objects.exists()
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert commune.post(url, {"results": "Kết quả", "attachments": pdf, "submit": "1"}).status_code == 302
    stored = ReportFile.objects.get()
    assert stored.report.status == "submitted" and stored.name == "bien-ban.pdf"
    file_url = f"{url}files/{stored.pk}/"
    assert login(inside).get(file_url).content == b"%PDF-1.4 test"
    assert login(outside).get(file_url).status_code == 404
    other = login(make_user("xa2", Role.SPECIALIST, tree.commune2))
    assert other.get(file_url).status_code == 404
    assert Client().get(file_url).status_code == 302
    events = AuditEvent.objects.filter(action="review_report.file_view")
    assert [(e.actor_id, e.summary["file"], e.unit_path) for e in events] == [
        (inside.pk, stored.pk, tree.commune.path)
    ]
    # Sent: the file can no longer be taken off.
    commune.post(f"{file_url}remove/")
    assert ReportFile.objects.count() == 1


def test_proposals_are_handed_over_once_when_the_report_is_accepted(tree: Tree, inside: User) -> None:
    period = _period(tree, inside)
    sections = {"proposals": "Đề nghị bổ sung biên chế cho văn phòng đảng ủy."}
    services.report_submit(
        actor=None, period=period, unit=tree.commune, sections=sections, today=D(2025, 4, 1)
    )
    report = UnitReport.objects.get(period=period, unit=tree.commune)
    # Returned and sent again: still nothing handed over until accepted.
    services.report_return(actor=inside, report=report, comment="Bổ sung số liệu")
    services.report_submit(
        actor=None, period=period, unit=tree.commune, sections=sections, today=D(2025, 4, 2)
    )
    assert not Proposal.objects.exists()
    services.report_accept(actor=inside, report=report)
    proposal = Proposal.objects.get()
    assert (proposal.from_unit, proposal.to_unit, proposal.kind) == (
        tree.commune,
        tree.province,
        ProposalKind.OTHER,
    )
    assert "biên chế" in proposal.content and CODE in proposal.content
    report.refresh_from_db()
    assert report.proposal == proposal
    assert hand_over_proposals(actor=inside, report=report) == proposal
    assert Proposal.objects.count() == 1
    page = login(inside).get(f"/reviews/periods/{CODE}/").content.decode()
    assert f"/proposals/{proposal.pk}/" in page
    # A report without proposals hands nothing over.
    services.report_submit(actor=None, period=period, unit=tree.commune2, today=D(2025, 4, 1))
    services.report_accept(actor=inside, report=UnitReport.objects.get(period=period, unit=tree.commune2))
    assert Proposal.objects.count() == 1


def test_component_check_lists_what_is_missing(tree: Tree, inside: User) -> None:
    period = _period(tree, inside)
    draft = documents.consolidated_document(selectors.period_status(period), today=D(2025, 4, 15))
    assert dispatch.missing(draft) == ["Số, ký hiệu văn bản", "Họ tên người ký"]
    with pytest.raises(DomainError, match="Họ tên người ký"):
        register.period_report_issue(actor=inside, period=period, issued_on=D(2025, 4, 15))
    issued = register.period_report_issue(
        actor=inside, period=period, issued_on=D(2025, 4, 15), signer_name="Trần Văn B"
    )
    final = documents.issued_document(selectors.period_status(period), issued, D(2025, 4, 16))
    assert dispatch.missing(final) == []
    assert final.number_symbol == "01-BC/TU" and final.date == D(2025, 4, 15)


def test_dispatch_reaches_the_recipients_who_acknowledge(tree: Tree, inside: User, outside: User) -> None:
    _period(tree, inside)
    xa = make_user("xa", Role.SPECIALIST, tree.commune)
    xa2 = make_user("xa2", Role.SPECIALIST, tree.commune2)
    page = login(inside)
    url = f"/reviews/periods/{CODE}/"
    assert "Cần lấy số" in page.post(f"{url}dispatch/", {"units": ["T01-X01"]}, follow=True).content.decode()
    page.post(f"{url}issue/", {"signer_name": "Trần Văn B"})
    assert login(outside).post(f"{url}dispatch/", {"units": ["T01-X01"]}).status_code == 404
    page.post(f"{url}dispatch/", {"units": ["T01-X01", "T01-X02", "TW"]})
    assert sorted(Dispatch.objects.values_list("unit__code", flat=True)) == ["T01-X01", "T01-X02", "TW"]
    assert Notification.objects.filter(user=xa, kind=dispatch.KIND_DISPATCH).count() == 1
    assert not Notification.objects.filter(user=inside, kind=dispatch.KIND_DISPATCH).exists()
    # Not offered as a recipient: refused by the form.
    page.post(f"{url}dispatch/", {"units": ["T02"]})
    assert Dispatch.objects.count() == 3
    # The commune sees it in its incoming documents and acknowledges it.
    incoming = login(xa).get("/reviews/incoming/").content.decode()
    assert "01-BC/TU" in incoming and "Đảng bộ xã Đức Thọ" not in incoming
    mine = Dispatch.objects.get(unit=tree.commune)
    assert login(xa2).post(f"/reviews/incoming/{mine.pk}/acknowledge/").status_code == 404
    assert login(outside).post(f"/reviews/incoming/{mine.pk}/acknowledge/").status_code == 404
    assert login(xa).post(f"/reviews/incoming/{mine.pk}/acknowledge/").status_code == 302
    mine.refresh_from_db()
    assert mine.acknowledged_by == xa
    # The sender sees who has not acknowledged.
    detail = page.get(url).content.decode()
    assert "Chưa xác nhận: 2" in detail


def test_a_member_leaves_the_rolls_once(tree: Tree, inside: User) -> None:
    from tochuc.people.models import MembershipStatus
    from tochuc.people.services.membership import membership_end
    from tochuc.reviews.tests.helpers import member

    person = member(tree.cell, "P1", admitted=D(2020, 1, 1))
    with pytest.raises(DomainError, match="Không tìm thấy"):  # outside the actor's reach
        membership_end(
            actor=make_user("far", Role.SPECIALIST, tree.other_province), person=person, kind="death"
        )
    event = membership_end(actor=inside, person=person, kind="death", on=D(2025, 5, 2), reason="Từ trần")
    assert event.from_unit == tree.cell and event.ends_membership
    person.membership.refresh_from_db()
    assert person.membership.status == MembershipStatus.LEFT
    with pytest.raises(DomainError):
        membership_end(actor=inside, person=person, kind="exclusion")
