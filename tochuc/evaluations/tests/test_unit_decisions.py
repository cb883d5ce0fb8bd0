"""Deciding a whole unit at once, each case still checked alone; a justification's writer does not decide."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tochuc.accounts.models import Role
from tochuc.accounts.services import grant_role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import login, make_user
from tochuc.core.errors import DomainError
from tochuc.evaluations.errors import EvaluationsErrorCode
from tochuc.evaluations.models import Stage
from tochuc.evaluations.services import decision_record, decisions_for_unit, justification_write
from tochuc.evaluations.tests.workflow_data import build_world, ev, open_cycle, to_appraisal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def cycle(world):
    return open_cycle(world.tree)


def _both_roles(tree):
    user = make_user("vuaviet", Role.SPECIALIST, tree.province)
    grant_role(actor=None, user=user, role=Role.LEADER, unit=tree.province)
    return user


def test_the_writer_of_a_justification_does_not_also_decide(world, cycle, leader):
    for person in world.members:
        to_appraisal(ev(cycle, person), "good", 82)
    collective = to_appraisal(ev(cycle, unit=world.tree.cell), "completed", 60)
    writer = _both_roles(world.tree)
    justification_write(
        actor=writer,
        cycle=cycle,
        rule="inflation_pattern",
        unit=world.tree.cell,
        person=None,
        text="Chi bộ mới sáp nhập, chỉ tiêu tập thể chưa đạt do khách quan.",
    )
    with pytest.raises(DomainError) as refused:
        decision_record(actor=writer, evaluation=collective, rating="completed")
    assert refused.value.code == EvaluationsErrorCode.JUSTIFIER_DECIDES
    assert "\n" in refused.value.message  # the findings follow, one per line
    assert decision_record(actor=leader, evaluation=collective, rating="completed").stage == Stage.DECIDED


def test_a_unit_is_decided_at_once_and_each_refusal_keeps_its_reason(world, cycle):
    first, second, third = world.members
    boss = _both_roles(world.tree)
    to_appraisal(ev(cycle, first), "good", 82)
    to_appraisal(ev(cycle, second), "good", 80)
    to_appraisal(ev(cycle, third), "good", 81, appraiser=boss)  # the appraiser may not decide it
    result = decisions_for_unit(actor=boss, cycle=cycle, unit=world.tree.cell)
    assert {e.person for e in result.decided} == {first, second}
    assert [(e.person, "đồng thời" in reason) for e, reason in result.refused] == [(third, True)]
    assert [
        (("đồng thời" in reason), [e.person for e in group]) for reason, group in result.refused_by_reason()
    ] == [(True, [third])]
    assert ev(cycle, first).final_rating == "good" and ev(cycle, third).stage == Stage.APPRAISAL
    assert ev(cycle, world.secretary).stage != Stage.DECIDED  # not appraised yet: left alone
    event = AuditEvent.objects.get(action="evaluation.decide_unit")
    assert event.summary["decided"] == 2 and event.summary["refused"] == [third.code]


def test_the_unit_decision_page_previews_then_decides_and_is_closed_to_others(
    world, cycle, leader, inside, outside
):
    to_appraisal(ev(cycle, world.members[0]), "good", 82)
    url = reverse("evaluations:decide_unit", args=[cycle.code, world.tree.cell.code])
    assert login(outside).get(url).status_code == 404
    assert login(inside).get(url).status_code == 404  # a specialist proposes; the leader decides
    assert login(inside).post(url).status_code == 404
    assert ev(cycle, world.members[0]).stage == Stage.APPRAISAL
    boss = login(leader)
    preview = boss.get(url).content.decode()
    assert "Quyết định xếp loại cho 1 người theo đề xuất" in preview and world.members[0].full_name in preview
    done = boss.post(url).content.decode()
    assert "Đã quyết định 1 trường hợp" in done
    assert ev(cycle, world.members[0]).stage == Stage.DECIDED


def test_the_word_forms_are_linked_from_the_pages_and_open(world, cycle, inside):
    client = login(inside)
    member = ev(cycle, world.members[0])
    pages = {
        reverse("evaluations:evaluation", args=[member.pk]): "self_review_docx",
        reverse("evaluations:cycle_unit", args=[cycle.code, world.tree.cell.code]): "collective_report_docx",
        reverse("evaluations:cycle", args=[cycle.code]): "cycle_summary_docx",
    }
    for page, name in pages.items():
        body = client.get(page).content.decode()
        links = [link for link in re.findall(r'href="([^"]+\.docx)"', body)]
        assert links, (page, name)
        for link in links:
            response = client.get(link)
            assert response.status_code == 200
            assert response["Content-Type"].startswith("application/vnd.openxmlformats")
