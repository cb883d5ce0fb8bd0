from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.award import judging, selectors, services
from tochuc.award.errors import AwardErrorCode
from tochuc.award.models import AwardJuror, AwardRound, Panel, RoundStatus
from tochuc.award.tests.conftest import MakeEntry
from tochuc.conftest import Tree, make_user
from tochuc.core.errors import DomainError
from tochuc.people.models import Gender
from tochuc.people.services import person_create
from tochuc.people.services.records import relative_add

pytestmark = pytest.mark.django_db


def _person(tree: Tree, code: str, name: str):
    return person_create(
        actor=None,
        unit=tree.cell,
        code=code,
        values={"full_name": name, "birth_date": dt.date(1980, 1, 1), "gender": Gender.FEMALE},
    )


def _juror(
    award_round: AwardRound, organizer: User, username: str, panel: str = Panel.PRELIMINARY, **kw
) -> AwardJuror:
    user = make_user(username)
    return services.juror_add(actor=organizer, award_round=award_round, panel=panel, user=user, **kw)


def test_a_juror_is_excluded_from_their_outlets_entries(
    award_round, organizer, make_entry: MakeEntry
) -> None:
    own_outlet = make_entry("Bài của báo", outlet="Báo  Nhân dân")
    other = make_entry("Bài khác", authors=("Đỗ Hùng",), outlet="Tạp chí Cộng sản")
    juror = _juror(award_round, organizer, "giamkhao", outlet="Báo Nhân Dân")
    judging.preliminary_start(actor=organizer, award_round=award_round)
    sheet = [a.entry.pk for a in selectors.juror_sheet(juror)]
    assert sheet == [other.pk]
    with pytest.raises(DomainError) as refused:
        judging.score_record(actor=juror.user, entry=own_outlet, score=90)
    assert refused.value.code == "not_found"
    lines = selectors.panels(award_round)[Panel.PRELIMINARY]
    assert [(e.pk, "cơ quan báo chí" in c.reason) for e, c in lines[0].excluded] == [(own_outlet.pk, True)]


def test_a_juror_is_excluded_from_a_relatives_entry_from_the_register(
    tree: Tree, award_round, organizer, make_entry: MakeEntry
) -> None:
    juror_person = _person(tree, "GK001", "Nguyễn Thị Mai")
    son = _person(tree, "TG001", "Nguyễn Văn Sơn")
    relative_add(
        actor=None, person=son, relation="Mẹ", full_name="Nguyễn Thị Mai", linked_person=juror_person
    )
    entry = make_entry("Bài của con", authors=("Nguyễn Văn Sơn",))
    services.entry_record(
        actor=organizer,
        award_round=award_round,
        title="Bài có liên kết hồ sơ",
        outlet="Báo Hà Tĩnh",
        form="online",
        published_on=dt.date(2025, 2, 1),
        topic="organization",
        authors=[services.AuthorInput("Nguyễn Văn Sơn", son)],
    )
    juror = _juror(award_round, organizer, "mai", person=juror_person)
    judging.preliminary_start(actor=organizer, award_round=award_round)
    lines = selectors.panels(award_round)[Panel.PRELIMINARY]
    reasons = [c.reason for _e, c in lines[0].excluded]
    # Linked to the register, or named as a relative on the juror's file: both excluded.
    assert len(reasons) == 2
    assert all("người thân của giám khảo (theo hồ sơ)" in r for r in reasons)
    assert entry.pk not in [a.entry.pk for a in selectors.juror_sheet(juror)]
    assert selectors.juror_sheet(juror) == []


def test_a_declared_relative_is_excluded_when_not_in_the_register(
    award_round, organizer, make_entry: MakeEntry
) -> None:
    entry = make_entry(authors=("Hoàng Minh Đức",))
    other = make_entry("Khác", authors=("Vũ Lan",))
    juror = _juror(award_round, organizer, "gk2")
    services.relation_declare(actor=organizer, juror=juror, relation="Em trai", full_name="Hoang Minh Duc")
    judging.preliminary_start(actor=organizer, award_round=award_round)
    assert [a.entry.pk for a in selectors.juror_sheet(juror)] == [other.pk]
    assert entry.pk not in [a.entry.pk for a in selectors.juror_sheet(juror)]


def test_own_work_is_excluded(award_round, organizer, make_entry: MakeEntry) -> None:
    make_entry(authors=("Giám Khảo Một",))
    juror = _juror(award_round, organizer, "gk1", full_name="Giám khảo Một")
    judging.preliminary_start(actor=organizer, award_round=award_round)
    assert selectors.juror_sheet(juror) == []


def _score_all(award_round: AwardRound, jurors: list[AwardJuror], scores: dict[int, list[int]]) -> None:
    for entry_id, values in scores.items():
        entry = award_round.entries.get(pk=entry_id)
        for juror, value in zip(jurors, values, strict=True):
            if value >= 0:
                judging.score_record(actor=juror.user, entry=entry, score=value)


def test_the_whole_round_averages_without_conflicts_and_prizes_by_quota(
    award_round, organizer, make_entry: MakeEntry
) -> None:
    e1 = make_entry("Một", authors=("A1",), outlet="Báo Nhân Dân")
    e2 = make_entry("Hai", authors=("A2",))
    e3 = make_entry("Ba", authors=("A3",), outlet="Tạp chí Cộng sản")
    late = make_entry("Muộn", authors=("A4",), published_on=dt.date(2026, 1, 1))
    p1 = _juror(award_round, organizer, "p1", outlet="Tạp chí Cộng sản")
    p2 = _juror(award_round, organizer, "p2")
    f1 = _juror(award_round, organizer, "f1", Panel.FINAL, outlet="Báo Nhân Dân")
    f2 = _juror(award_round, organizer, "f2", Panel.FINAL)
    judging.preliminary_start(actor=organizer, award_round=award_round)
    with pytest.raises(DomainError) as missing:
        judging.final_start(actor=organizer, award_round=award_round)
    assert missing.value.code == AwardErrorCode.SCORES_MISSING
    # p1 may not score e3 (own outlet): -1 marks the excluded pair.
    _score_all(award_round, [p1, p2], {e1.pk: [80, 90], e2.pk: [60, 70], e3.pk: [-1, 75]})
    with pytest.raises(DomainError):
        judging.score_record(actor=p1.user, entry=late, score=50)
    advanced = judging.final_start(actor=organizer, award_round=award_round)
    assert {e.pk for e in advanced} == {e1.pk, e3.pk}
    e3.refresh_from_db()
    assert e3.preliminary_average == Decimal("75.00")  # p2 alone
    _score_all(award_round, [f1, f2], {e1.pk: [-1, 88], e3.pk: [95, 88]})
    winners = judging.results_publish(
        actor=organizer,
        award_round=award_round,
        decision_number="12-QĐ/BTCTW",
        published_on=dt.date(2026, 2, 3),
    )
    assert [(w.pk, w.prize) for w in winners] == [(e3.pk, "special"), (e1.pk, "A")]
    award_round.refresh_from_db()
    assert award_round.status == RoundStatus.PUBLISHED
    judging.round_close(actor=organizer, award_round=award_round)
    with pytest.raises(DomainError) as closed:
        make_entry("Sau khi lưu trữ")
    assert closed.value.code == AwardErrorCode.ROUND_CLOSED
    actions = set(AuditEvent.objects.filter(action__startswith="award.").values_list("action", flat=True))
    assert {"award.round_open", "award.entry_record", "award.juror_add", "award.score_record"} <= actions
    assert {"award.final_start", "award.results_publish", "award.round_close"} <= actions


def test_a_score_outside_the_scale_is_refused(award_round, organizer, make_entry: MakeEntry) -> None:
    entry = make_entry()
    juror = _juror(award_round, organizer, "p1")
    judging.preliminary_start(actor=organizer, award_round=award_round)
    for bad in (101, -1, "abc", "nan"):
        with pytest.raises(DomainError) as refused:
            judging.score_record(actor=juror.user, entry=entry, score=bad)
        assert refused.value.code == AwardErrorCode.SCORE_OUT_OF_RANGE


def test_only_jurors_of_the_current_panel_score(
    tree: Tree, award_round, organizer, make_entry: MakeEntry
) -> None:
    entry = make_entry()
    _juror(award_round, organizer, "p1")
    final = _juror(award_round, organizer, "f1", Panel.FINAL)
    judging.preliminary_start(actor=organizer, award_round=award_round)
    for user in (final.user, organizer, make_user("viewer", Role.VIEWER, tree.centre)):
        with pytest.raises(DomainError):
            judging.score_record(actor=user, entry=entry, score=80)


def test_no_juror_is_named_once_the_results_are_out(award_round, organizer) -> None:
    award_round.status = RoundStatus.PUBLISHED
    award_round.save(update_fields=["status"])
    with pytest.raises(DomainError) as refused:
        _juror(award_round, organizer, "late")
    assert refused.value.code == AwardErrorCode.WRONG_STAGE


def test_a_blank_decision_number_comes_from_the_outgoing_register(
    award_round, organizer, make_entry: MakeEntry
) -> None:
    entry = make_entry()
    p = _juror(award_round, organizer, "p1")
    f = _juror(award_round, organizer, "f1", Panel.FINAL)
    judging.preliminary_start(actor=organizer, award_round=award_round)
    judging.score_record(actor=p.user, entry=entry, score=80)
    judging.final_start(actor=organizer, award_round=award_round)
    judging.score_record(actor=f.user, entry=entry, score=80)
    judging.results_publish(
        actor=organizer, award_round=award_round, decision_number="", published_on=dt.date(2026, 2, 3)
    )
    award_round.refresh_from_db()
    assert award_round.decision_number == "01-QĐ/BTCTW"
