"""Who may be planned or appointed: each condition of the pack as one check with its reason.

The facts are loaded in bulk (a handful of queries for thousands of candidates);
the checks are plain functions over them, so the rules read like the regulation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tochuc.core.text import fold
from tochuc.evaluations.models import RATING_RANK, Rating
from tochuc.evaluations.rules.base import Severity
from tochuc.people.models import MembershipStatus, Person, PersonDiscipline
from tochuc.personnel.models import ConfidenceVote, EntryStatus, PlanningEntry
from tochuc.personnel.retirement import add_months, months_of_work_left
from tochuc.personnel.rules.base import PersonnelPack
from tochuc.positions.models import Position, Title
from tochuc.positions.requirements import Candidate, shortfalls

DISCIPLINE_FORMS = {
    "khien trach": "reprimand",
    "canh cao": "warning",
    "cach chuc": "removal",
    "khai tru": "expulsion",
}
DISCIPLINE_LABELS = {
    "reprimand": "khiển trách",
    "warning": "cảnh cáo",
    "removal": "cách chức",
    "expulsion": "khai trừ",
}


def discipline_key(form: str) -> str | None:
    folded = fold(form)
    return next((key for words, key in DISCIPLINE_FORMS.items() if words in folded), None)


@dataclass(frozen=True)
class Check:
    rule: str
    severity: Severity
    message: str

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": str(self.severity), "message": self.message}


@dataclass
class CandidateFacts:
    person: Person
    first_career_start: dt.date | None = None
    disciplines: list[tuple[str, dt.date]] = field(default_factory=list)  # (key, decided_on)
    ratings: dict[int, str] = field(default_factory=dict)  # year → final individual rating
    latest_vote: ConfidenceVote | None = None
    planned_title_ids: set[int] = field(default_factory=set)  # approved entries, any open cycle
    # The leadership group of each planned title (loaded with them, so the check needs no query).
    planned_title_groups: dict[int, int | None] = field(default_factory=dict)

    @property
    def low_share(self) -> tuple[int, int] | None:
        vote = self.latest_vote
        return (vote.low, vote.voters) if vote and vote.voters else None


def load_facts(person_ids: Iterable[int]) -> dict[int, CandidateFacts]:
    """Everything the checks read, for many people at once."""
    from tochuc.evaluations.models import Evaluation
    from tochuc.people.models import CareerEntry

    ids = list(set(person_ids))
    facts = {
        person.pk: CandidateFacts(person=person)
        for person in Person.objects.filter(pk__in=ids).select_related("unit", "membership")
    }
    for person_id, start in (
        CareerEntry.objects.filter(person_id__in=ids)
        .order_by("person_id", "start")
        .values_list("person_id", "start")
    ):
        if facts[person_id].first_career_start is None:
            facts[person_id].first_career_start = start
    for person_id, form, decided_on in PersonDiscipline.objects.filter(person_id__in=ids).values_list(
        "person_id", "form", "decided_on"
    ):
        key = discipline_key(form)
        if key:
            facts[person_id].disciplines.append((key, decided_on))
    for person_id, year, rating in (
        Evaluation.objects.filter(person_id__in=ids)
        .exclude(final_rating="")
        .order_by("cycle__year", "cycle_id")
        .values_list("person_id", "cycle__year", "final_rating")
    ):
        facts[person_id].ratings[year] = rating
    for vote in ConfidenceVote.objects.filter(person_id__in=ids).order_by("person_id", "held_on", "id"):
        facts[vote.person_id].latest_vote = vote
    for person_id, title_id, group in PlanningEntry.objects.filter(
        person_id__in=ids, status=EntryStatus.APPROVED, cycle__is_open=True
    ).values_list("person_id", "title_id", "title__leadership_group"):
        facts[person_id].planned_title_ids.add(title_id)
        facts[person_id].planned_title_groups[title_id] = group
    return facts


# --- the conditions -----------------------------------------------------------------------------


def check_membership(facts: CandidateFacts) -> list[Check]:
    status = getattr(getattr(facts.person, "membership", None), "status", None)
    if status in (MembershipStatus.SUSPENDED, MembershipStatus.LEFT):
        return [Check("membership", Severity.BLOCK, "Đang đình chỉ sinh hoạt hoặc không còn sinh hoạt đảng.")]
    return []


def check_working_age(
    pack: PersonnelPack, facts: CandidateFacts, *, on: dt.date, months: int, rule: str
) -> list[Check]:
    """At least ``months`` of working time left on day ``on`` (exactly ``months`` is enough)."""
    left = months_of_work_left(facts.person.birth_date, facts.person.gender, on)
    if left >= months:
        return []
    return [
        Check(
            rule,
            Severity.BLOCK,
            f"Đến ngày {on:%d/%m/%Y} chỉ còn {max(left, 0)} tháng công tác, cần đủ {months} tháng "
            f"({pack.citation}).",
        )
    ]


def check_discipline_wait(pack: PersonnelPack, facts: CandidateFacts, *, on: dt.date) -> list[Check]:
    found = []
    for key, decided_on in facts.disciplines:
        if key == "expulsion":
            found.append(Check("discipline", Severity.BLOCK, "Đã bị khai trừ khỏi Đảng."))
            continue
        months = pack.discipline_wait_months.get(key)
        if months is None:
            continue
        eligible_from = add_months(decided_on, months)
        if on < eligible_from:
            found.append(
                Check(
                    "discipline",
                    Severity.BLOCK,
                    f"Bị kỷ luật {DISCIPLINE_LABELS[key]} ngày {decided_on:%d/%m/%Y}: chưa hết {months} tháng "
                    f"(đến {eligible_from:%d/%m/%Y}) để được bổ nhiệm, giới thiệu chức vụ cao hơn ({pack.citation}).",
                )
            )
    return found


def check_low_confidence(pack: PersonnelPack, facts: CandidateFacts) -> list[Check]:
    share = facts.low_share
    if share is None:
        return []
    low, voters = share
    if (
        low * pack.low_confidence_out_of_planning.denominator
        > voters * pack.low_confidence_out_of_planning.numerator
    ):
        return [
            Check(
                "low_confidence",
                Severity.BLOCK,
                f"Lần lấy phiếu tín nhiệm gần nhất có {low}/{voters} phiếu tín nhiệm thấp (quá một nửa): "
                "không quy hoạch, bổ nhiệm vào chức vụ cao hơn (Quy định 96-QĐ/TW).",
            )
        ]
    return []


def check_ratings(pack: PersonnelPack, facts: CandidateFacts, *, year: int) -> list[Check]:
    """Each of the last years rated at least the pack's minimum (Good); a missing year is only noted."""
    found: list[Check] = []
    minimum = RATING_RANK[pack.planning_min_rating]
    for past in range(year - pack.planning_rating_years, year):
        rating = facts.ratings.get(past)
        if rating is None:
            found.append(Check("ratings", Severity.INFO, f"Chưa có kết quả xếp loại năm {past}."))
        elif RATING_RANK[rating] < minimum:
            found.append(
                Check(
                    "ratings",
                    Severity.JUSTIFY,
                    f"Năm {past} xếp loại «{Rating(rating).label}», thấp hơn «{Rating(pack.planning_min_rating).label}».",
                )
            )
    return found


def check_standards(position: Position | None, facts: CandidateFacts, *, on: dt.date) -> list[Check]:
    if position is None:
        return []
    candidate = Candidate.of(facts.person, first_career_start=facts.first_career_start)
    return [
        Check(f"standard_{shortfall.code}", Severity.JUSTIFY, f"Tiêu chuẩn chức danh: {shortfall.message}.")
        for shortfall in shortfalls(position, candidate, on=on)
    ]


def check_in_planning(pack: PersonnelPack, facts: CandidateFacts, *, title: Title) -> list[Check]:
    """An internal candidate must be in the planning for the title (or one of a higher group)."""
    if title.pk in facts.planned_title_ids:
        return []
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
    if higher:
        return []
    return [
        Check(
            "planning",
            Severity.JUSTIFY,
            f"Chưa có trong quy hoạch chức danh «{title.name}» hoặc chức danh tương đương, cao hơn; "
            f"chỉ bổ nhiệm khi cấp có thẩm quyền cho phép ({pack.citation}).",
        )
    ]


def appointment_checks(
    pack: PersonnelPack,
    facts: CandidateFacts,
    *,
    kind: str,
    title: Title,
    position: Position | None,
    is_internal: bool,
    received_on: dt.date,
    term_months: int,
) -> list[Check]:
    """The conditions checked before the first step, on the date the file is received."""
    checks = [*check_membership(facts), *check_discipline_wait(pack, facts, on=received_on)]
    if kind == "reappointment":
        left = months_of_work_left(facts.person.birth_date, facts.person.gender, received_on)
        if left < term_months:
            checks.append(
                Check(
                    "working_age",
                    Severity.INFO,
                    f"Còn {max(left, 0)} tháng công tác: bổ nhiệm lại đến khi nghỉ hưu ({pack.citation}).",
                )
            )
    else:
        checks += check_working_age(
            pack, facts, on=received_on, months=pack.min_months_left, rule="working_age"
        )
    checks += check_low_confidence(pack, facts)
    checks += check_standards(position, facts, on=received_on)
    if is_internal and kind != "reappointment":
        checks += check_in_planning(pack, facts, title=title)
    return checks


def planning_checks(
    pack: PersonnelPack,
    facts: CandidateFacts,
    *,
    title: Title,
    position: Position | None,
    term_start: dt.date,
    assessed_on: dt.date | None = None,
    people_for_title: int,
    titles_for_person: int,
) -> list[Check]:
    """The conditions for one person planned for one title (counts exclude this entry)."""
    checks: list[Check] = []
    if people_for_title >= pack.planning_max_per_title:
        checks.append(
            Check(
                "per_title",
                Severity.BLOCK,
                f"Chức danh «{title.name}» đã có {people_for_title} người trong quy hoạch "
                f"(tối đa {pack.planning_max_per_title}).",
            )
        )
    if titles_for_person >= pack.planning_max_titles_per_person:
        checks.append(
            Check(
                "per_person",
                Severity.BLOCK,
                f"{facts.person.full_name} đã được quy hoạch {titles_for_person} chức danh ở cấp này "
                f"(tối đa {pack.planning_max_titles_per_person}).",
            )
        )
    checks += check_membership(facts)
    checks += check_working_age(
        pack, facts, on=term_start, months=pack.planning_term_months, rule="full_term"
    )
    # Working age is counted to the planned term; the record (discipline, ratings) as it stands
    # on the day the person is assessed.
    on = assessed_on or term_start
    checks += check_discipline_wait(pack, facts, on=on)
    checks += check_low_confidence(pack, facts)
    checks += check_ratings(pack, facts, year=on.year)
    checks += check_standards(position, facts, on=term_start)
    return checks


def blocking(checks: Iterable[Check]) -> list[Check]:
    return [check for check in checks if check.severity == Severity.BLOCK]


def to_json(checks: Iterable[Check]) -> list[dict[str, Any]]:
    return [check.as_json() for check in checks]


def group_by_rule(checks: Iterable[Check]) -> dict[str, list[Check]]:
    grouped: dict[str, list[Check]] = defaultdict(list)
    for check in checks:
        grouped[check.rule].append(check)
    return dict(grouped)
