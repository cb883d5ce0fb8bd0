"""Rotation, confidence votes, transparency and the overview with the named cast."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from tochuc.conftest import login
from tochuc.personnel.models import ConfidenceVote, Procedure, ProcedureStatus, Rotation
from tochuc.personnel.rules import get_pack
from tochuc.personnel.services import procedure_open, rotation_create, step_record
from tochuc.positions.models import Position, PositionGroup
from tochuc.positions.services import assignment_create

RECEIVED = dt.date(2026, 3, 2)
REASON = "Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch."


def test_anonymous_is_sent_to_login(client: Any, tree: Any) -> None:
    for name in ("rotation_list", "vote_list", "transparency"):
        response = client.get(reverse(f"personnel:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_specialist_plans_a_rotation_and_ends_it(inside: Any, tree: Any, make_person: Any) -> None:
    person = make_person("Trần Quốc Tuấn")
    client = login(inside)
    same = client.post(
        reverse("personnel:rotation_new"),
        {
            "person": person.code,
            "to_unit": "T01-X01",
            "purpose": "Rèn luyện thực tiễn",
            "start": "01/04/2026",
        },
    )
    assert "Đơn vị đến phải khác đơn vị đang công tác." in same.content.decode()
    assert not Rotation.objects.exists()
    page = client.post(
        reverse("personnel:rotation_new"),
        {
            "person": person.code,
            "to_unit": "T01-X02",
            "purpose": "Rèn luyện thực tiễn",
            "start": "01/04/2026",
        },
        follow=True,
    ).content.decode()
    rotation = Rotation.objects.get()
    assert rotation.planned_end == dt.date(2029, 4, 1)
    assert "Trần Quốc Tuấn" in page and "01/04/2029" in page
    end_url = reverse("personnel:rotation_end", args=[rotation.pk])
    early = client.post(end_url, {"ended_on": "01/10/2027", "note": ""})
    assert "Cần ghi rõ (ít nhất 5 ký tự)." in early.content.decode()
    rotation.refresh_from_db()
    assert rotation.ended_on is None
    client.post(end_url, {"ended_on": "01/10/2027", "note": "Điều động theo yêu cầu nhiệm vụ."})
    rotation.refresh_from_db()
    assert rotation.ended_on == dt.date(2027, 10, 1)


def test_rotations_outside_are_hidden_and_404(inside: Any, outside: Any, tree: Any, make_person: Any) -> None:
    person = make_person("Trần Quốc Tuấn")
    rotation = rotation_create(
        actor=inside, person=person, to_unit=tree.commune2, purpose="Rèn luyện", start=dt.date(2026, 4, 1)
    )
    other = login(outside)
    assert "Trần Quốc Tuấn" not in other.get(reverse("personnel:rotation_list")).content.decode()
    assert other.get(reverse("personnel:rotation_end", args=[rotation.pk])).status_code == 404
    assert other.get(reverse("personnel:rotation_list"), {"unit": "T01"}).status_code == 404
    assert "Trần Quốc Tuấn" in login(inside).get(reverse("personnel:rotation_list")).content.decode()


def test_watch_lists_show_heads_at_the_limit_and_local_people(
    inside: Any, tree: Any, secretary_title: Any, make_person: Any
) -> None:
    head = make_person("Nguyễn Văn Hai Khóa", hometown="xã An Bình, tỉnh Hà Tĩnh")
    for year in (2015, 2020):
        Procedure.objects.create(
            kind="appointment" if year == 2015 else "reappointment",
            unit=tree.commune,
            title=secretary_title,
            candidate=head,
            pack="qd377-2025",
            file_received_on=dt.date(year, 1, 1),
            status=ProcedureStatus.DECIDED,
            decided_on=dt.date(year, 2, 1),
            term_start=dt.date(year, 2, 1),
            term_end=dt.date(year + 5, 1, 31),
        )
    post = Position.objects.create(
        unit=tree.commune, title=secretary_title, name="Bí thư Đảng ủy xã", group=PositionGroup.LEADERSHIP
    )
    assignment_create(
        actor=None,
        position=post,
        person=head,
        start=dt.date(2020, 2, 1),
        accept_warnings=True,
        justification="x" * 12,
    )
    body = login(inside).get(reverse("personnel:rotation_list")).content.decode()
    heads = body.split('data-testid="heads-limit"')[1].split("</section>")[0]
    local = body.split('data-testid="local-posts"')[1].split("</section>")[0]
    assert "Nguyễn Văn Hai Khóa" in heads and "31/01/2025" in heads
    assert "Nguyễn Văn Hai Khóa" in local and "Hà Tĩnh" in local


def test_confidence_vote_outcome_is_said_in_words(inside: Any, tree: Any, make_person: Any) -> None:
    person = make_person("Lê Thị Tín")
    client = login(inside)
    data = {
        "person": person.code,
        "unit": "T01-X01",
        "held_on": "15/06/2026",
        "voters": 30,
        "high": 5,
        "confidence": 5,
        "low": 21,
    }
    bad = client.post(reverse("personnel:vote_list"), data)
    assert "Tổng số phiếu (31) lớn hơn số người tham gia (30)." in bad.content.decode()
    assert not ConfidenceVote.objects.exists()
    page = client.post(reverse("personnel:vote_list"), {**data, "low": 20}, follow=True).content.decode()
    dismissal = get_pack().rule("dismissal")
    assert dismissal is not None
    assert get_pack().rule_title(dismissal) == "Từ 2/3 tín nhiệm thấp trở lên: đề nghị miễn nhiệm"
    assert get_pack().rule_title(dismissal) in page
    assert ConfidenceVote.objects.get().outcome == "dismissal"


def test_leader_and_outside_do_not_record_votes(
    leader: Any, outside: Any, inside: Any, make_person: Any
) -> None:
    assert login(leader).post(reverse("personnel:vote_list"), {}).status_code == 404
    person = make_person("Lê Thị Tín")
    login(inside).post(
        reverse("personnel:vote_list"),
        {
            "person": person.code,
            "unit": "T01-X01",
            "held_on": "15/06/2026",
            "voters": 30,
            "high": 20,
            "confidence": 8,
            "low": 2,
        },
    )
    assert ConfidenceVote.objects.count() == 1
    assert "Lê Thị Tín" not in login(outside).get(reverse("personnel:vote_list")).content.decode()
    assert (
        "Không có hệ quả theo quy định" in login(leader).get(reverse("personnel:vote_list")).content.decode()
    )


def _procedures(inside: Any, tree: Any, title: Any, make_person: Any, n: int) -> None:
    for i in range(n):
        procedure = procedure_open(
            actor=inside,
            kind="appointment",
            unit=tree.commune,
            title=title,
            candidate=make_person(f"Ứng Viên {i}"),
            file_received_on=RECEIVED,
            justification=REASON,
        )
        step_record(
            actor=inside,
            procedure=procedure,
            held_on=dt.date(2026, 3, 3),
            convened=15,
            present=9,
            votes={procedure.candidate.full_name: 8},
        )
        step_record(
            actor=inside,
            procedure=procedure,
            held_on=dt.date(2026, 3, 4),
            convened=15,
            present=12,
            votes={procedure.candidate.full_name: 10},
        )


def test_transparency_shows_repeats_and_overrides_with_who(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    _procedures(inside, tree, vice_title, make_person, 1)
    body = login(inside).get(reverse("personnel:transparency")).content.decode()
    row = body.split('data-testid="transparency"')[1]
    assert "Đảng bộ tỉnh Hà Tĩnh và các đơn vị trực thuộc" in body  # the user's top unit by default
    assert "Ứng Viên 0" in row and REASON in row and "Inside" in row
    assert "Chưa có trong quy hoạch chức danh" in row


def test_transparency_outside_scope(
    inside: Any, outside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    _procedures(inside, tree, vice_title, make_person, 1)
    other = login(outside)
    assert other.get(reverse("personnel:transparency"), {"unit": "T01"}).status_code == 404
    assert "Ứng Viên 0" not in other.get(reverse("personnel:transparency")).content.decode()


def test_transparency_query_count_does_not_grow_with_rows(
    inside: Any, tree: Any, vice_title: Any, make_person: Any, django_assert_max_num_queries: Any
) -> None:
    client = login(inside)
    url = reverse("personnel:transparency")
    _procedures(inside, tree, vice_title, make_person, 1)
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    _procedures(inside, tree, vice_title, make_person, 6)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert "Ứng Viên 5" in response.content.decode()


def test_vote_and_rotation_lists_query_count_is_flat(
    inside: Any, tree: Any, make_person: Any, django_assert_max_num_queries: Any
) -> None:
    from tochuc.personnel.services import confidence_vote_record

    client = login(inside)

    def add(n: int) -> None:
        for _ in range(n):
            person = make_person("Người Được Lấy Phiếu")
            confidence_vote_record(
                actor=inside,
                person=person,
                unit=tree.commune,
                held_on=dt.date(2026, 6, 1),
                voters=10,
                high=5,
                confidence=4,
                low=1,
            )
            rotation_create(
                actor=inside,
                person=person,
                to_unit=tree.commune2,
                purpose="Rèn luyện",
                start=dt.date(2026, 4, 1),
            )

    add(1)
    counts = {}
    for name in ("vote_list", "rotation_list", "home"):
        with django_assert_max_num_queries(40) as first:
            client.get(reverse(f"personnel:{name}"))
        counts[name] = len(first.captured_queries)
    add(6)
    for name in ("vote_list", "rotation_list", "home"):
        with django_assert_max_num_queries(counts[name]):
            client.get(reverse(f"personnel:{name}"))


def test_person_suggestions_stay_in_scope(inside: Any, outside: Any, make_person: Any) -> None:
    person = make_person("Hoàng Văn Em")
    url = reverse("personnel:person_search")
    mine = login(inside).get(url, {"person": "hoang van"}).content.decode()
    assert f'value="{person.code} — Hoàng Văn Em"' in mine
    assert "Hoàng Văn Em" not in login(outside).get(url, {"person": "hoang van"}).content.decode()


def test_a_failed_procedure_ends_at_the_failed_meeting_in_dates_and_day_count(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = procedure_open(
        actor=inside,
        kind="appointment",
        unit=tree.commune,
        title=vice_title,
        candidate=make_person("Đỗ Văn Trượt"),
        file_received_on=dt.date(2026, 3, 2),
        justification="Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch.",
    )
    step_record(
        actor=inside,
        procedure=procedure,
        held_on=dt.date(2026, 3, 9),
        convened=15,
        present=12,
        votes={"Đỗ Văn Trượt": 5},
    )
    body = login(inside).get(reverse("personnel:transparency"), {"unit": "T01"}).content.decode()
    row = next(r for r in body.split("<tr>") if "Đỗ Văn Trượt" in r)
    assert "02/03/2026 → 09/03/2026" in row
    assert '<td class="num">7</td>' in row
