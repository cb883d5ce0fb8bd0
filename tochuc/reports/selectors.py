"""The structure of the people of a subtree: age and gender, ethnicity, qualifications, membership.

Every figure is counted by the database, a handful of aggregate queries
whatever the number of people, always inside the acting user's scope.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tochuc.accounts.policy import Action, can_subtree
from tochuc.core.actors import Actor
from tochuc.core.documents.numbers import share
from tochuc.core.text import fold, words
from tochuc.figures.selectors import enabled as kept_figures_enabled
from tochuc.orgunits.models import OrgUnit
from tochuc.people.ethnicities import in_official_order
from tochuc.people.models import Gender, MembershipStatus, Person, TheoryLevel
from tochuc.people.selectors import people_for

# Pyramid bands: five years wide from 20 to 69; the first holds everyone under 20
# (the register starts at 18), the last everyone from 70.
PYRAMID_START = 20
PYRAMID_STOP = 70
PYRAMID_STEP = 5

ETHNICITY_TOP = 8
OTHER = "other"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    low: int | None  # youngest age in the band, None for "under"
    high: int | None  # first age past the band, None for "and over"


def age_bands() -> list[AgeBand]:
    bands = [AgeBand(f"lt{PYRAMID_START}", str(_("Dưới %(n)d") % {"n": PYRAMID_START}), None, PYRAMID_START)]
    for low in range(PYRAMID_START, PYRAMID_STOP, PYRAMID_STEP):
        high = low + PYRAMID_STEP
        bands.append(AgeBand(f"{low}-{high - 1}", f"{low}–{high - 1}", low, high))
    bands.append(AgeBand(f"{PYRAMID_STOP}+", str(_("Từ %(n)d") % {"n": PYRAMID_STOP}), PYRAMID_STOP, None))
    return bands


@dataclass(frozen=True)
class QualificationGroup:
    key: str
    label: Promise
    words: tuple[str, ...]  # found anywhere in the text, as whole words
    abbreviations: tuple[str, ...] = ()  # only as its first word ("ThS. Kinh tế")

    def matches(self, folded: str, first_word: str) -> bool:
        return first_word in self.abbreviations or any(
            re.search(rf"\b{re.escape(word)}\b", folded) for word in self.words
        )


# The highest degree named in the free-text qualification decides the group;
# groups are tried in this order. Texts are compared folded (case and
# diacritics ignored), so the words are written folded here.
QUALIFICATION_GROUPS = (
    QualificationGroup("doctorate", _("Tiến sĩ"), ("tien si", "tien sy"), ("ts", "tskh")),
    QualificationGroup("master", _("Thạc sĩ"), ("thac si", "thac sy"), ("ths",)),
    QualificationGroup(
        "university",
        _("Đại học"),
        ("dai hoc", "cu nhan", "ky su", "ki su", "bac si", "bac sy", "duoc si", "kien truc su", "luat su"),
        ("dh", "cn", "ks"),
    ),
    QualificationGroup("college", _("Cao đẳng"), ("cao dang",), ("cd",)),
    QualificationGroup("vocational", _("Trung cấp"), ("trung cap",), ("tc",)),
)
QUALIFICATION_OTHER = _("Khác, chưa ghi")


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class BandCount:
    key: str
    label: str
    men: int
    women: int

    @property
    def total(self) -> int:
        return self.men + self.women


@dataclass(frozen=True)
class Structure:
    unit: OrgUnit
    as_of: dt.date
    total: int
    age_gender: list[BandCount]
    gender: list[Share]
    ethnicity: list[Share]
    theory: list[Share]
    qualification: list[Share]
    membership: list[Share]
    # True when read from the kept figures: ages are then counted by birth year (this year − birth year).
    by_birth_year: bool = False


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def band_condition(band: AgeBand, today: dt.date) -> Q:
    """People whose age on ``today`` lies in ``band``, as a range of birth dates.

    Age ≥ n exactly when born on or before the same day n years ago.
    """
    condition = Q()
    if band.low is not None:
        condition &= Q(birth_date__lte=years_before(today, band.low))
    if band.high is not None:
        condition &= Q(birth_date__gt=years_before(today, band.high))
    return condition


def subtree_people(user: Actor, unit: OrgUnit) -> QuerySet[Person]:
    """The people of ``unit`` and all units below it that ``user`` may see, unordered for grouping."""
    return people_for(user).filter(unit__path__startswith=unit.path).order_by()


def qualification_group(text: str) -> str:
    """The key of the group a free-text qualification falls in (``OTHER`` when none)."""
    folded = fold(text)
    first = next(iter(words(text)), "")
    for group in QUALIFICATION_GROUPS:
        if group.matches(folded, first):
            return group.key
    return OTHER


def _shares(rows: list[tuple[str, str, int]], total: int) -> list[Share]:
    return [Share(key, label, count, share(count, total)) for key, label, count in rows]


def _age_gender(people: QuerySet[Person], today: dt.date) -> tuple[list[BandCount], int]:
    """Counts by band and gender, and the number of people (also those of no recorded gender)."""
    bands = age_bands()
    band_of = Case(
        *(When(band_condition(b, today), then=Value(b.key)) for b in bands),
        default=Value(UNKNOWN),
        output_field=CharField(),
    )
    counts: dict[tuple[str, str], int] = {}
    for row in people.annotate(band=band_of).values("band", "gender").annotate(n=Count("pk")):
        counts[(row["band"], row["gender"])] = row["n"]
    bands_counted = [
        BandCount(b.key, b.label, counts.get((b.key, Gender.MALE), 0), counts.get((b.key, Gender.FEMALE), 0))
        for b in bands
    ]
    return bands_counted, sum(counts.values())


def _ethnicity(people: QuerySet[Person], total: int, top: int) -> list[Share]:
    return _ethnicity_of(list(people.values("ethnicity").annotate(n=Count("pk")).order_by()), total, top)


def _ethnicity_of(rows: Iterable[Mapping[str, Any]], total: int, top: int) -> list[Share]:
    # Most numerous first; equal counts in the order of the official list of ethnic groups.
    order = {name: i for i, name in enumerate(in_official_order(r["ethnicity"] or "" for r in rows))}
    counted = sorted(rows, key=lambda r: (-r["n"], order[r["ethnicity"] or ""]))
    named: list[tuple[str, str, int]] = []
    rest = 0
    for row in counted:
        name = (row["ethnicity"] or "").strip()
        if len(named) < top and name and name.casefold() != "khác":
            named.append((name, name, row["n"]))
        else:
            rest += row["n"]
    if rest:
        named.append((OTHER, str(_("Khác")), rest))
    return _shares(named, total)


def _theory(people: QuerySet[Person], total: int) -> list[Share]:
    counts = dict(people.values_list("political_theory_level").annotate(n=Count("pk")))
    rows = [(level.value, str(level.label), counts.get(level.value, 0)) for level in TheoryLevel]
    return _shares(rows, total)


def _qualification(people: QuerySet[Person], total: int) -> list[Share]:
    # Grouped by the text first: the rows returned grow with the number of
    # different wordings, not with the number of people.
    return _qualification_of(people.values_list("professional_qualification").annotate(n=Count("pk")), total)


def _qualification_of(texts: Iterable[tuple[str, int]], total: int) -> list[Share]:
    counts: dict[str, int] = {}
    for text, n in texts:
        key = qualification_group(text or "")
        counts[key] = counts.get(key, 0) + n
    rows = [(g.key, str(g.label), counts.get(g.key, 0)) for g in QUALIFICATION_GROUPS]
    rows.append((OTHER, str(QUALIFICATION_OTHER), counts.get(OTHER, 0)))
    return _shares(rows, total)


def _membership(people: QuerySet[Person], total: int) -> list[Share]:
    counts = dict(people.values_list("membership__status").annotate(n=Count("pk")))
    rows = [(status.value, str(status.label), counts.get(status.value, 0)) for status in MembershipStatus]
    rows.append((UNKNOWN, str(_("Không có hồ sơ đảng viên")), counts.get(None, 0)))
    return _shares(rows, total)


def structure(
    user: Actor,
    unit: OrgUnit,
    *,
    today: dt.date | None = None,
    top: int = ETHNICITY_TOP,
    kept: bool | None = None,
) -> Structure:
    """The structure of the people of ``unit``'s subtree as ``user`` sees it.

    When the user sees the whole subtree (and ``kept`` is not False), one query of the kept figures
    (``tochuc.figures``), whatever the number of people, ages by birth year; otherwise five aggregate
    queries of the people the user sees, ages to the day.
    """
    today = today or timezone.localdate()
    if kept is None:
        kept = kept_figures_enabled() and can_subtree(user, Action.VIEW, unit)
    if kept:
        from tochuc.reports.kept import structure_kept

        return structure_kept(unit, today=today, top=top)
    people = subtree_people(user, unit)
    age_gender, total = _age_gender(people, today)
    men = sum(b.men for b in age_gender)
    women = sum(b.women for b in age_gender)
    gender = _shares(
        [
            (Gender.MALE.value, str(Gender.MALE.label), men),
            (Gender.FEMALE.value, str(Gender.FEMALE.label), women),
        ],
        total,
    )
    return Structure(
        unit=unit,
        as_of=today,
        total=total,
        age_gender=age_gender,
        gender=gender,
        ethnicity=_ethnicity(people, total, top),
        theory=_theory(people, total),
        qualification=_qualification(people, total),
        membership=_membership(people, total),
    )
