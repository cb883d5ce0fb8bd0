"""The checks the personnel packs are built from: pure functions over the facts of ``facts.py``.

Each check has the signature ``(facts, pack, rule) -> Iterator[Finding]``: the pack gives the numbers,
the rule gives the id, the severity and the citation that ends every message. A pack module lists
the rules of its regulation (``Rule(id, severity, citation, title, check)``). This module defines no
``PACK``: pack discovery passes it over.

Boundaries follow the words of the texts: "at least 60 months" is inclusive (exactly 60 is enough),
"more than half" is strict (exactly half is not enough), "at least 2/3" inclusive.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tochuc.core.rules import Finding, Severity
from tochuc.core.text import fold
from tochuc.personnel.retirement import add_months, months_between, months_of_work_left
from tochuc.personnel.rules.base import (
    BallotRule,
    CandidateRule,
    PersonnelPack,
    RotationRule,
    StayRule,
    VoteRule,
)
from tochuc.personnel.rules.facts import (
    REAPPOINTMENT,
    BallotCount,
    Candidacy,
    CandidateFacts,
    PlanningStay,
    RotationPlan,
    VoteCount,
)

DISCIPLINE_FORMS = {
    "khien trach": "reprimand",
    "canh cao": "warning",
    "cach chuc": "removal",
    "khai tru": "expulsion",
}
DISCIPLINE_LABELS = {
    "reprimand": gettext_lazy("khiển trách"),
    "warning": gettext_lazy("cảnh cáo"),
    "removal": gettext_lazy("cách chức"),
    "expulsion": gettext_lazy("khai trừ"),
}


def discipline_key(form: str) -> str | None:
    """The discipline form of a recorded text ("Khiển trách" → ``reprimand``), None if another."""
    folded = fold(form)
    return next((key for words, key in DISCIPLINE_FORMS.items() if words in folded), None)


def above(part: int, whole: int, share: Fraction) -> bool:
    """part / whole > share, exactly."""
    return part * share.denominator > whole * share.numerator


def at_least(part: int, whole: int, share: Fraction) -> bool:
    """part / whole ≥ share, exactly."""
    return part * share.denominator >= whole * share.numerator


def share_text(share: Fraction) -> str:
    """A share as the texts say it: "một nửa" for 1/2, else "2/3"."""
    return _("một nửa") if share == Fraction(1, 2) else f"{share.numerator}/{share.denominator}"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") if whole else "0"


def has_quorum(pack: PersonnelPack, *, convened: int, present: int) -> bool:
    """Whether at least the pack's share (2/3) of those convened attend."""
    return present >= pack.quorum * convened


def votes_needed(pack: PersonnelPack, *, convened: int) -> int:
    """The smallest whole number of votes strictly above the pack's share of those convened."""
    return math.floor(pack.threshold * convened) + 1


# --- a candidate for a title ---------------------------------------------------------------------


def membership(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """Suspended from Party activity or no longer a member."""
    from tochuc.people.models import MembershipStatus

    status = getattr(getattr(c.facts.person, "membership", None), "status", None)
    if status in (MembershipStatus.SUSPENDED, MembershipStatus.LEFT):
        yield rule.finding(_("Đang đình chỉ sinh hoạt hoặc không còn sinh hoạt đảng."))


def _working_age(c: Candidacy, rule: CandidateRule, months: int) -> Iterator[Finding]:
    """At least ``months`` of working time left on ``counted_on`` (exactly ``months`` is enough)."""
    person = c.facts.person
    left = months_of_work_left(person.birth_date, person.gender, c.counted_on)
    if left < months:
        yield rule.finding(
            _("Đến ngày {day} chỉ còn {left} tháng công tác, cần đủ {months} tháng.").format(
                day=c.counted_on.strftime("%d/%m/%Y"), left=max(left, 0), months=months
            )
        )


def working_age(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """A first appointment to a five-year post needs ``min_months_left`` of working time left."""
    if c.kind != REAPPOINTMENT:
        yield from _working_age(c, rule, pack.min_months_left)


def full_term(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """Planning needs a full term of working age at the start of the term."""
    yield from _working_age(c, rule, pack.planning_term_months)


def reappointment_age(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """Re-appointed with less than a term left: the term runs to retirement."""
    if c.kind != REAPPOINTMENT:
        return
    person = c.facts.person
    left = months_of_work_left(person.birth_date, person.gender, c.counted_on)
    if left < c.term_months:
        yield rule.finding(
            _("Còn {left} tháng công tác: bổ nhiệm lại đến khi nghỉ hưu.").format(left=max(left, 0))
        )


def discipline_wait(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """Not before the pack's months after a discipline (by its form) have passed; never after expulsion."""
    for key, decided_on in c.facts.disciplines:
        if key == "expulsion":
            yield rule.finding(_("Đã bị khai trừ khỏi Đảng."))
            continue
        months = pack.discipline_wait_months.get(key)
        if months is None:
            continue
        eligible_from = add_months(decided_on, months)
        if c.record_on < eligible_from:
            yield rule.finding(
                _(
                    "Bị kỷ luật {form} ngày {day}: chưa hết {months} tháng (đến {until}) để được bổ nhiệm, "
                    "giới thiệu chức vụ cao hơn."
                ).format(
                    form=DISCIPLINE_LABELS[key],
                    day=decided_on.strftime("%d/%m/%Y"),
                    months=months,
                    until=eligible_from.strftime("%d/%m/%Y"),
                )
            )


def _low_votes(facts: CandidateFacts, pack: PersonnelPack) -> tuple[int, int] | None:
    share = facts.low_share
    if share is None or not above(share[0], share[1], pack.low_confidence_out_of_planning):
        return None
    return share


def low_confidence(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """The latest confidence vote has more than the pack's share of low votes."""
    found = _low_votes(c.facts, pack)
    if found:
        yield rule.finding(
            _(
                "Lần lấy phiếu tín nhiệm gần nhất có {low}/{voters} phiếu tín nhiệm thấp (quá {share}): "
                "không quy hoạch, bổ nhiệm vào chức vụ cao hơn."
            ).format(low=found[0], voters=found[1], share=share_text(pack.low_confidence_out_of_planning))
        )


def ratings(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """Each of the last years rated at least the pack's minimum; a missing year is only noted."""
    from tochuc.evaluations.models import RATING_RANK, Rating

    minimum = RATING_RANK[pack.planning_min_rating]
    year = c.record_on.year
    for past in range(year - pack.planning_rating_years, year):
        rating = c.facts.ratings.get(past)
        if rating is None:
            yield rule.finding(
                _("Chưa có kết quả xếp loại năm {year}.").format(year=past), severity=Severity.INFO
            )
        elif RATING_RANK[rating] < minimum:
            yield rule.finding(
                _("Năm {year} xếp loại «{rating}», thấp hơn «{minimum}».").format(
                    year=past, rating=Rating(rating).label, minimum=Rating(pack.planning_min_rating).label
                )
            )


def standards(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """The standards of the title (degree, theory level, years of work…): one finding each.

    A chosen job position brings its own requirements; without one, the pack's least standards of the
    title's leadership group apply, so a title is never open to anyone just because no position was picked.
    """
    from tochuc.people.models import MembershipStatus
    from tochuc.positions.requirements import Candidate, shortfalls

    person = c.facts.person
    if c.title.is_leadership and pack.leadership_needs_full_member:
        status = getattr(getattr(person, "membership", None), "status", None)
        if status == MembershipStatus.PROBATIONARY:
            yield rule.finding(
                _("Tiêu chuẩn chức danh: đang là đảng viên dự bị, chưa là đảng viên chính thức."),
                key="full_member",
            )
    requirements = c.position or pack.title_standards.get(c.title.leadership_group or 0)
    if requirements is None:
        return
    candidate = Candidate.of(person, first_career_start=c.facts.first_career_start)
    for shortfall in shortfalls(requirements, candidate, on=c.counted_on):
        yield rule.finding(
            _("Tiêu chuẩn chức danh: {shortfall}.").format(shortfall=shortfall.message), key=shortfall.code
        )


def in_planning(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """An internal candidate must be in the planning for the title (or one of a higher group)."""
    from tochuc.positions.models import Title

    if not c.is_internal or c.kind == REAPPOINTMENT:
        return
    facts, title = c.facts, c.title
    if title.pk in facts.planned_title_ids:
        return
    higher: set[int] = set()
    if facts.planned_title_ids and title.leadership_group:
        limit = title.leadership_group
        if facts.planned_title_ids <= facts.planned_title_groups.keys():
            # Loaded with the facts: the same test as the query below, without a query per candidate.
            higher = {
                pk
                for pk in facts.planned_title_ids
                if (group := facts.planned_title_groups[pk]) is not None and group <= limit
            }
        else:
            higher = set(
                Title.objects.filter(pk__in=facts.planned_title_ids, leadership_group__lte=limit).values_list(
                    "pk", flat=True
                )
            )
    if not higher:
        yield rule.finding(
            _(
                "Chưa có trong quy hoạch chức danh «{title}» hoặc chức danh tương đương, cao hơn; "
                "chỉ bổ nhiệm khi cấp có thẩm quyền cho phép."
            ).format(title=title.name)
        )


def per_title(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """At most ``planning_max_per_title`` people planned for one title."""
    if c.people_for_title >= pack.planning_max_per_title:
        yield rule.finding(
            _("Chức danh «{title}» đã có {n} người trong quy hoạch (tối đa {limit}).").format(
                title=c.title.name, n=c.people_for_title, limit=pack.planning_max_per_title
            )
        )


def per_person(c: Candidacy, pack: PersonnelPack, rule: CandidateRule) -> Iterator[Finding]:
    """At most ``planning_max_titles_per_person`` titles for one person at one level."""
    if c.titles_for_person >= pack.planning_max_titles_per_person:
        yield rule.finding(
            _("{person} đã được quy hoạch {n} chức danh ở cấp này (tối đa {limit}).").format(
                person=c.facts.person.full_name,
                n=c.titles_for_person,
                limit=pack.planning_max_titles_per_person,
            )
        )


# --- the yearly review of the planning -------------------------------------------------------------


def over_age(stay: PlanningStay, pack: PersonnelPack, rule: StayRule) -> Iterator[Finding]:
    """No longer a full term of working age."""
    person = stay.facts.person
    if months_of_work_left(person.birth_date, person.gender, stay.on) < pack.planning_term_months:
        yield rule.finding(_("Không còn đủ tuổi công tác trọn một nhiệm kỳ."))


def disciplined(stay: PlanningStay, pack: PersonnelPack, rule: StayRule) -> Iterator[Finding]:
    """Disciplined (reprimand or above) since entering the planning."""
    for key, decided_on in stay.facts.disciplines:
        if decided_on >= stay.added_on and key in DISCIPLINE_LABELS:
            yield rule.finding(
                _("Bị kỷ luật {form} ngày {day}.").format(
                    form=DISCIPLINE_LABELS[key], day=decided_on.strftime("%d/%m/%Y")
                )
            )
            return


def low_confidence_since(stay: PlanningStay, pack: PersonnelPack, rule: StayRule) -> Iterator[Finding]:
    """More than the pack's share of low votes in a confidence vote since entering the planning."""
    vote = stay.facts.latest_vote
    if vote and vote.held_on >= stay.added_on and _low_votes(stay.facts, pack):
        yield rule.finding(
            _("{low}/{voters} phiếu tín nhiệm thấp ngày {day}.").format(
                low=vote.low, voters=vote.voters, day=vote.held_on.strftime("%d/%m/%Y")
            )
        )


# --- rotation ------------------------------------------------------------------------------------


def rotation_length(plan: RotationPlan, pack: PersonnelPack, rule: RotationRule) -> Iterator[Finding]:
    if months_between(plan.start, plan.planned_end) < pack.rotation_min_months:
        yield rule.finding(
            _("Thời gian luân chuyển tối thiểu {months} tháng.").format(months=pack.rotation_min_months)
        )


def rotation_years_left(plan: RotationPlan, pack: PersonnelPack, rule: RotationRule) -> Iterator[Finding]:
    if plan.months_left < pack.rotation_min_years_left * 12:
        yield rule.finding(
            _("{person} còn {years} năm công tác, cần ít nhất {limit} năm để luân chuyển.").format(
                person=plan.person_name,
                years=max(plan.months_left, 0) // 12,
                limit=pack.rotation_min_years_left,
            )
        )


# --- confidence votes ----------------------------------------------------------------------------


def vote_dismissal(count: VoteCount, pack: PersonnelPack, rule: VoteRule) -> Iterator[Finding]:
    if at_least(count.low, count.voters, pack.low_confidence_dismissal):
        yield rule.finding(
            _("{low}/{voters} phiếu tín nhiệm thấp, từ {share} trở lên: đề nghị miễn nhiệm.").format(
                low=count.low, voters=count.voters, share=share_text(pack.low_confidence_dismissal)
            )
        )


def vote_out_of_planning(count: VoteCount, pack: PersonnelPack, rule: VoteRule) -> Iterator[Finding]:
    if above(count.low, count.voters, pack.low_confidence_out_of_planning):
        yield rule.finding(
            _(
                "{low}/{voters} phiếu tín nhiệm thấp, quá {share}: đưa ra khỏi quy hoạch chức vụ cao hơn, "
                "xem xét cho thôi giữ chức vụ."
            ).format(
                low=count.low, voters=count.voters, share=share_text(pack.low_confidence_out_of_planning)
            )
        )


# --- secret ballots ------------------------------------------------------------------------------


def quorum(count: BallotCount, pack: PersonnelPack, rule: BallotRule) -> Iterator[Finding]:
    """The meeting is valid only if at least the pack's share of those convened attend."""
    if not has_quorum(pack, convened=count.convened, present=count.present):
        yield rule.finding(
            _(
                "Hội nghị không hợp lệ: có mặt {present}/{convened} người ({share} %), cần ít nhất {quorum} "
                "số người được triệu tập; kết quả phiếu không được tính."
            ).format(
                present=count.present,
                convened=count.convened,
                share=percent(count.present, count.convened),
                quorum=f"{pack.quorum.numerator}/{pack.quorum.denominator}",
            )
        )


def majority(count: BallotCount, pack: PersonnelPack, rule: BallotRule) -> Iterator[Finding]:
    """Each candidate without more than the pack's share of the total convened, most votes first."""
    for name, votes in sorted(count.votes.items(), key=lambda item: (-item[1], item[0])):
        if votes < count.needed:
            yield rule.finding(
                _(
                    "{name}: {votes}/{convened} phiếu ({share} %), chưa quá {threshold} tổng số người được "
                    "triệu tập (cần {needed} phiếu)."
                ).format(
                    name=name,
                    votes=votes,
                    convened=count.convened,
                    share=percent(votes, count.convened),
                    threshold=share_text(pack.threshold),
                    needed=count.needed,
                )
            )


def surplus(count: BallotCount, pack: PersonnelPack, rule: BallotRule) -> Iterator[Finding]:
    """Electing several (a committee), the candidates beyond the seats at most the pack's share of them."""
    extra = len(count.votes) - count.seats
    if count.seats > 1 and extra > 0 and above(extra, count.seats, pack.election_max_surplus):
        yield rule.finding(
            _("Có {n} ứng viên cho {seats} vị trí: số dư vượt {limit} số cần bầu.").format(
                n=len(count.votes),
                seats=count.seats,
                limit=f"{round(100 * pack.election_max_surplus)}%",
            )
        )
