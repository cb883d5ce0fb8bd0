"""Proposals: routing up the tree, deadlines from the pack, the answer and its approval, publishing
that closes duplicates, the API contract and who sees what."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.core.errors import DomainError
from tochuc.proposals import selectors, services
from tochuc.proposals.models import HopKind, Proposal, ProposalStatus, Timeliness
from tochuc.proposals.rules import get_pack

D = dt.date


@pytest.fixture
def commune_clerk(tree: Tree) -> User:
    return make_user("clerk", Role.SPECIALIST, tree.commune)


@pytest.fixture
def province_leader(tree: Tree) -> User:
    return make_user("chief", Role.LEADER, tree.province)


def _send(tree: Tree, actor: User | None = None, **kwargs: object) -> Proposal:
    values: dict[str, object] = {
        "from_unit": tree.commune,
        "to_unit": None,
        "kind": "procedure",
        "subject": "Thủ tục chuyển sinh hoạt đảng",
        "content": "Đề nghị hướng dẫn thủ tục chuyển sinh hoạt đảng tạm thời.",
    }
    values.update(kwargs)
    return services.proposal_send(actor=actor, **values)  # type: ignore[arg-type]


def test_a_proposal_goes_to_the_parent_by_default_with_the_pack_deadline(
    tree: Tree, commune_clerk: User
) -> None:
    proposal = _send(tree, commune_clerk, sent_on=D(2026, 3, 2))
    days = get_pack().proposal_days("procedure")
    assert proposal.to_unit == tree.province
    assert proposal.answer_due == D(2026, 3, 2) + dt.timedelta(days=days)
    assert proposal.pack == "default-2026"
    assert [hop.kind for hop in proposal.hops.all()] == [HopKind.SENT]
    assert AuditEvent.objects.filter(action="proposal.send").count() == 1


def test_the_deadline_differs_by_kind_and_overdue_starts_the_day_after(tree: Tree) -> None:
    cadre = _send(tree, kind="cadre_work", sent_on=D(2026, 1, 1))
    policy = _send(tree, kind="policy", sent_on=D(2026, 1, 1))
    pack = get_pack()
    assert pack.proposal_days("cadre_work") != pack.proposal_days("policy")
    assert cadre.answer_due == D(2026, 1, 1) + dt.timedelta(days=pack.proposal_days("cadre_work"))
    assert not cadre.is_overdue(cadre.answer_due)
    assert cadre.is_overdue(cadre.answer_due + dt.timedelta(days=1))
    assert cadre.timeliness(cadre.answer_due) == Timeliness.IN_TIME
    assert policy.timeliness(policy.answer_due + dt.timedelta(days=1)) == Timeliness.OVERDUE


def test_a_proposal_may_go_to_any_unit_above_but_not_sideways_or_down(tree: Tree) -> None:
    assert _send(tree, to_unit=tree.centre).to_unit == tree.centre
    for wrong in (tree.commune2, tree.grassroots, tree.commune):
        with pytest.raises(DomainError) as caught:
            _send(tree, to_unit=wrong)
        assert caught.value.field == "to_unit"


def test_writer_does_not_approve_and_the_leader_sends_the_answer_back(tree: Tree, inside: User) -> None:
    both = make_user("both", Role.SPECIALIST, tree.province)
    grant_role(actor=None, user=both, role=Role.LEADER, unit=tree.province)
    proposal = _send(tree, sent_on=D(2026, 1, 1))
    services.proposal_answer_write(actor=both, proposal=proposal, answer="Thực hiện theo Hướng dẫn số 12.")
    with pytest.raises(DomainError):
        services.proposal_answer_approve(actor=both, proposal=proposal)
    chief = make_user("chief2", Role.LEADER, tree.province)
    late = proposal.answer_due + dt.timedelta(days=3)
    services.proposal_answer_approve(actor=chief, proposal=proposal, answered_on=late)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    assert proposal.timeliness(late) == Timeliness.LATE
    last = proposal.hops.last()
    assert last is not None
    assert last.to_unit == tree.commune


def test_forward_moves_the_answering_unit_and_keeps_the_trail(tree: Tree, inside: User, admin: User) -> None:
    proposal = _send(tree)
    services.proposal_forward(
        actor=inside, proposal=proposal, to_unit=tree.commission, note="Thuộc thẩm quyền Ban"
    )
    proposal.refresh_from_db()
    assert proposal.to_unit == tree.commission
    assert [h.kind for h in proposal.hops.all()] == [HopKind.SENT, HopKind.FORWARDED]
    # The province no longer answers it.
    with pytest.raises(DomainError):
        services.proposal_answer_write(actor=inside, proposal=proposal, answer="x")


def test_an_opinion_is_asked_and_given_by_the_cooperating_unit(tree: Tree, inside: User) -> None:
    proposal = _send(tree)
    other = make_user("coop", Role.SPECIALIST, tree.commune2)
    with pytest.raises(DomainError):
        services.proposal_opinion_give(actor=other, proposal=proposal, unit=tree.commune2, opinion="Đồng ý")
    services.proposal_opinion_ask(actor=inside, proposal=proposal, unit=tree.commune2)
    assert selectors.get_proposal_for(other, proposal.pk) == proposal
    services.proposal_opinion_give(actor=other, proposal=proposal, unit=tree.commune2, opinion="Đồng ý")
    assert proposal.hops.filter(kind=HopKind.OPINION_GIVEN).get().note == "Đồng ý"


def test_a_published_answer_closes_the_duplicates_it_names(
    tree: Tree, inside: User, province_leader: User
) -> None:
    first = _send(tree)
    same = _send(tree, from_unit=tree.commune2)
    untouched = _send(tree, from_unit=tree.commune2, subject="Việc khác")
    services.proposal_answer_write(actor=inside, proposal=first, answer="Trả lời chung cho các xã.")
    services.proposal_answer_approve(actor=province_leader, proposal=first)
    services.proposal_publish(actor=province_leader, proposal=first, duplicates=[same])
    same.refresh_from_db()
    untouched.refresh_from_db()
    assert same.status == ProposalStatus.DUPLICATE
    assert same.answer == "Trả lời chung cho các xã."
    assert same.answered_by_proposal == first
    assert untouched.status == ProposalStatus.OPEN
    other_province = _send(tree, from_unit=tree.other_commune)
    with pytest.raises(DomainError):
        services.proposal_publish(actor=province_leader, proposal=first, duplicates=[other_province])


# --- the API ------------------------------------------------------------------------------------


def _post(client: Client, url: str, body: dict[str, object]) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_api_send_answer_and_overdue_list(
    tree: Tree, commune_clerk: User, inside: User, outside: User
) -> None:
    clerk = login(commune_clerk)
    response = _post(
        clerk,
        "/api/v1/proposals",
        {
            "from_unit": "T01-X01",
            "to_unit": None,
            "kind": "resources",
            "subject": "Kinh phí",
            "content": "Thiếu",
        },
    )
    assert response.status_code == 201  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["to_unit"] == "T01"
    due = D.fromisoformat(body["answer_due"])
    assert due - dt.date.today() == dt.timedelta(days=get_pack().proposal_days("resources"))
    answer_url = f"/api/v1/proposals/{body['id']}/answer"
    assert _post(clerk, answer_url, {"answer": "Tự trả lời"}).status_code == 404  # type: ignore[attr-defined]
    assert _post(login(outside), answer_url, {"answer": "x"}).status_code == 404  # type: ignore[attr-defined]
    answered = _post(login(inside), answer_url, {"answer": "Tỉnh bố trí kinh phí quý II."})
    assert answered.status_code == 200  # type: ignore[attr-defined]
    assert answered.json()["status"] == "drafted"  # type: ignore[attr-defined]

    Proposal.objects.filter(pk=body["id"]).update(answer_due=D(2020, 1, 1))
    overdue = login(inside).get("/api/v1/proposals?status=overdue").json()
    assert [item["id"] for item in overdue["items"]] == [body["id"]]
    assert login(outside).get("/api/v1/proposals?status=overdue").json()["count"] == 0


def test_api_refuses_a_unit_outside_the_senders_reach(tree: Tree, commune_clerk: User) -> None:
    response = _post(
        login(commune_clerk),
        "/api/v1/proposals",
        {"from_unit": "T02-X01", "to_unit": None, "kind": "other", "subject": "x", "content": "y"},
    )
    assert response.status_code == 404  # type: ignore[attr-defined]


# --- the pages ----------------------------------------------------------------------------------


def test_pages_send_answer_approve_and_dashboard(
    tree: Tree, commune_clerk: User, inside: User, province_leader: User
) -> None:
    clerk = login(commune_clerk)
    page = clerk.get("/proposals/new/")
    assert page.status_code == 200
    assert "Chưa có quy định của Đảng" in page.content.decode()
    sent = clerk.post(
        "/proposals/new/",
        {
            "from_unit": "T01-X01",
            "to_unit": "",
            "kind": "policy",
            "subject": "Chế độ phụ cấp",
            "content": "Kiến nghị",
        },
    )
    assert sent.status_code == 302
    proposal = Proposal.objects.get()
    detail = f"/proposals/{proposal.pk}/"
    assert "Lưu dự thảo trả lời" not in clerk.get(detail).content.decode()
    specialist = login(inside)
    assert (
        specialist.post(f"{detail}answer/", {"answer": "Đã tổng hợp, trình Trung ương."}).status_code == 302
    )
    assert login(province_leader).post(f"{detail}approve/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    assert "Đã tổng hợp" in clerk.get(detail).content.decode()
    board = specialist.get("/proposals/dashboard/")
    assert board.status_code == 200
    assert "Đảng bộ tỉnh Hà Tĩnh" in board.content.decode()
    assert login(make_user("far", Role.SPECIALIST, tree.other_province)).get(detail).status_code == 404


def test_the_list_is_scoped(tree: Tree, inside: User, outside: User) -> None:
    _send(tree, subject="Kiến nghị của xã An Bình")
    assert "Kiến nghị của xã An Bình" in login(inside).get("/proposals/").content.decode()
    assert "Kiến nghị của xã An Bình" not in login(outside).get("/proposals/").content.decode()


def test_the_dashboard_lists_the_most_overdue_units_and_counts_all(
    tree: Tree, inside: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tochuc.proposals import views

    monkeypatch.setattr(views, "DASHBOARD_ROWS", 1)
    _send(tree, sent_on=D(2026, 1, 1), subject="Ở tỉnh, quá hạn")  # answered by the province
    _send(tree, from_unit=tree.cell, to_unit=None, sent_on=D(2026, 1, 1))  # answered by the grassroots
    _send(tree, from_unit=tree.commune2, sent_on=D(2026, 1, 2))  # the province again
    page = login(inside).get("/proposals/dashboard/").content.decode()
    table = page.split('data-testid="proposal-counts"')[1].split("</table>")[0]
    assert "Đảng bộ tỉnh Hà Tĩnh" in table and tree.grassroots.name not in table
    assert 'data-testid="proposal-more"' in page
    assert "3 kiến nghị" in page  # the overdue total counts every unit, not only those listed
