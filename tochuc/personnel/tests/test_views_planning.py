"""Planning pages with the named cast: who sees, who proposes, who approves; refusals shown, nothing changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tochuc.conftest import login
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Rating
from tochuc.people.models import PersonDiscipline
from tochuc.personnel.models import EntryStatus, PlanningCycle, PlanningEntry
from tochuc.personnel.services import planning_cycle_open, planning_entry_propose


@pytest.fixture
def cycle(inside: Any, tree: Any) -> PlanningCycle:
    return planning_cycle_open(
        actor=inside, code="QH-X01", name="Quy hoạch xã An Bình", unit=tree.commune, term="2030-2035"
    )


def _rate(person: Any, tree: Any, years: range, rating: str) -> None:
    for year in years:
        evaluation_cycle, _ = EvaluationCycle.objects.get_or_create(
            code=f"DG{year}",
            defaults={"name": str(year), "unit": tree.province, "year": year, "pack": "qd366-2025"},
        )
        Evaluation.objects.create(
            cycle=evaluation_cycle,
            unit=person.unit,
            person=person,
            subject_kind="individual",
            frame="non_leader",
            final_rating=rating,
        )


def test_anonymous_is_sent_to_login(client: Any, cycle: PlanningCycle) -> None:
    for url in (
        reverse("personnel:home"),
        reverse("personnel:planning_list"),
        reverse("personnel:planning_detail", args=[cycle.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_inside_sees_the_cycle_outside_sees_nothing(inside: Any, outside: Any, cycle: PlanningCycle) -> None:
    page = login(inside).get(reverse("personnel:planning_list"))
    assert "Quy hoạch xã An Bình" in page.content.decode()
    other = login(outside)
    assert "Quy hoạch xã An Bình" not in other.get(reverse("personnel:planning_list")).content.decode()
    assert other.get(reverse("personnel:planning_detail", args=[cycle.pk])).status_code == 404
    assert other.get(reverse("personnel:home")).status_code == 200


def test_specialist_opens_a_cycle_and_a_bad_term_changes_nothing(inside: Any, tree: Any) -> None:
    client = login(inside)
    bad = client.post(
        reverse("personnel:planning_list"),
        {"unit": "T01-X01", "code": "QH-1", "name": "Quy hoạch xã", "term": "2030", "pack": "qd377-2025"},
    )
    assert bad.status_code == 200
    assert "Nhiệm kỳ phải có dạng 2025-2030." in bad.content.decode()
    assert not PlanningCycle.objects.exists()
    good = client.post(
        reverse("personnel:planning_list"),
        {
            "unit": "T01-X01",
            "code": "qh-1",
            "name": "Quy hoạch xã",
            "term": "2030-2035",
            "pack": "qd377-2025",
        },
    )
    cycle = PlanningCycle.objects.get()
    assert good["Location"] == reverse("personnel:planning_detail", args=[cycle.pk])
    assert (cycle.code, cycle.unit, cycle.term) == ("QH-1", tree.commune, "2030-2035")


def test_a_viewer_level_leader_cannot_open_a_cycle(leader: Any) -> None:
    client = login(leader)
    page = client.get(reverse("personnel:planning_list"))
    assert "Mở đợt quy hoạch" not in page.content.decode()
    response = client.post(reverse("personnel:planning_list"), {"unit": "T01-X01"})
    assert response.status_code == 404


def test_refused_proposal_shows_each_blocking_check_and_creates_nothing(
    inside: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    old = make_person("Phạm Văn Già", born=dt.date(1968, 1, 1))
    response = login(inside).post(
        reverse("personnel:entry_propose", args=[cycle.pk]),
        {"person": old.code, "title": vice_title.pk},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không thể đưa vào quy hoạch vì:" in body
    assert "tháng công tác, cần đủ 60 tháng" in body
    assert not PlanningEntry.objects.exists()


def test_low_ratings_ask_for_a_justification_then_the_entry_is_made(
    inside: Any, tree: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Đỗ Thị Hạnh", gender="female")
    year = timezone.localdate().year
    _rate(person, tree, range(year - 3, year), Rating.COMPLETED)
    client = login(inside)
    url = reverse("personnel:entry_propose", args=[cycle.pk])
    first = client.post(url, {"person": person.code, "title": vice_title.pk})
    body = first.content.decode()
    assert "Các điều kiện sau cần giải trình trước khi đề xuất:" in body
    assert f"Năm {year - 3} xếp loại" in body
    assert 'name="justification"' in body and 'type="hidden" name="justification"' not in body
    assert not PlanningEntry.objects.exists()
    second = client.post(
        url,
        {"person": person.code, "title": vice_title.pk, "justification": "Năm 2029 đã khắc phục hạn chế."},
    )
    assert second.status_code == 302
    entry = PlanningEntry.objects.get()
    assert entry.justification == "Năm 2029 đã khắc phục hạn chế."
    page = client.get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "Đỗ Thị Hạnh" in page and "Cần giải trình" in page and "Năm 2029 đã khắc phục hạn chế." in page


def test_person_found_by_name_without_diacritics(
    inside: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    make_person("Vũ Minh Khang")
    response = login(inside).post(
        reverse("personnel:entry_propose", args=[cycle.pk]),
        {"person": "vu minh khang", "title": vice_title.pk},
    )
    assert response.status_code == 302
    assert PlanningEntry.objects.get().person.full_name == "Vũ Minh Khang"


def test_person_outside_scope_is_not_found(
    inside: Any, tree: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    stranger = make_person("Lò Văn Xa", unit=tree.other_commune)
    response = login(inside).post(
        reverse("personnel:entry_propose", args=[cycle.pk]), {"person": stranger.code, "title": vice_title.pk}
    )
    assert "Không tìm thấy người có mã hoặc họ tên này trong phạm vi của bạn." in response.content.decode()
    assert not PlanningEntry.objects.exists()


def test_leader_approves_the_specialist_cannot(
    inside: Any, leader: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    entry = planning_entry_propose(actor=inside, cycle=cycle, person=make_person(), title=vice_title)
    url = reverse("personnel:entry_approve", args=[entry.pk])
    assert login(inside).post(url).status_code == 404
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED
    client = login(leader)
    detail = client.get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "Phê duyệt" in detail
    client.post(url)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED
    assert (
        "Đã phê duyệt" in client.get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    )
    # The specialist may now open the appointment from the planning page, the form prefilled.
    page = login(inside).get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    link = f"?candidate={entry.person.code}&amp;unit=T01-X01&amp;title={vice_title.pk}"
    assert link in page
    form = login(inside).get(reverse("personnel:procedure_new") + link.replace("&amp;", "&")).content.decode()
    assert f'value="{entry.person.code}"' in form


def test_removal_asks_first_and_needs_a_note_for_other_reasons(
    inside: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    entry = planning_entry_propose(
        actor=inside, cycle=cycle, person=make_person("Hà Văn Lợi"), title=vice_title
    )
    client = login(inside)
    url = reverse("personnel:entry_remove", args=[entry.pk])
    confirm = client.get(url).content.decode()
    assert "sẽ không còn trong quy hoạch chức danh" in confirm
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED
    bad = client.post(url, {"reason": "other", "note": ""})
    assert "Cần ghi rõ (ít nhất 5 ký tự)." in bad.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PROPOSED
    client.post(url, {"reason": "other", "note": "Chuyển công tác sang tỉnh khác."})
    entry.refresh_from_db()
    assert (entry.status, entry.removal_note) == (EntryStatus.REMOVED, "Chuyển công tác sang tỉnh khác.")
    page = client.get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "Đã đưa ra khỏi quy hoạch" in page and "Chuyển công tác sang tỉnh khác." in page


def test_yearly_review_says_who_was_removed_and_why(
    inside: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Trịnh Văn Mạnh")
    entry = planning_entry_propose(actor=inside, cycle=cycle, person=person, title=vice_title)
    PersonDiscipline.objects.create(person=person, decided_on=entry.added_on, form="Cảnh cáo")
    client = login(inside)
    response = client.post(reverse("personnel:planning_review", args=[cycle.pk]), follow=True)
    body = response.content.decode()
    assert "1 người được đưa ra khỏi quy hoạch" in body
    assert "Trịnh Văn Mạnh — Phó Bí thư Đảng ủy xã: Bị kỷ luật" in body
    entry.refresh_from_db()
    assert entry.status == EntryStatus.REMOVED and entry.removed_automatically


def test_structure_targets_are_shown_met_or_not(
    inside: Any, cycle: PlanningCycle, vice_title: Any, make_person: Any
) -> None:
    planning_entry_propose(
        actor=inside, cycle=cycle, person=make_person("Lương Thị Nga", gender="female"), title=vice_title
    )
    body = login(inside).get(reverse("personnel:planning_detail", args=[cycle.pk])).content.decode()
    assert "Cán bộ nữ" in body and "✓ Đạt" in body
    assert "Cán bộ người dân tộc thiểu số" in body and "✗ Chưa đạt" in body


def test_cycle_list_query_count_is_flat(inside: Any, tree: Any, django_assert_max_num_queries: Any) -> None:
    client = login(inside)
    url = reverse("personnel:planning_list")
    planning_cycle_open(actor=inside, code="QH-A", name="A", unit=tree.commune, term="2030-2035")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(8):
        planning_cycle_open(actor=inside, code=f"QH-B{n}", name=f"B{n}", unit=tree.commune2, term="2030-2035")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
