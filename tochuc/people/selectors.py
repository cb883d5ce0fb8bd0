"""Reads of personnel records, always scoped by the acting user."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.text import words
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "lt30": (0, 30),
    "30-39": (30, 40),
    "40-49": (40, 50),
    "50-59": (50, 60),
    "60+": (60, None),
}
AGE_BAND_LABELS = {
    "lt30": "Dưới 30",
    "30-39": "30–39",
    "40-49": "40–49",
    "50-59": "50–59",
    "60+": "Từ 60",
}
_YEAR = re.compile(r"^(19|20)\d{2}$")


def people_for(user: Any, action: Action = Action.VIEW) -> QuerySet[Person]:
    """Every person whose unit the user reaches, in Vietnamese name order."""
    return Person.objects.filter(scope_q(user, action, "unit__path")).order_by("sort_key", "pk")


@dataclass(frozen=True)
class PeopleFilter:
    q: str = ""
    unit: OrgUnit | None = None  # with its whole subtree
    gender: str = ""
    ethnicity: str = ""
    age_band: str = ""
    political_theory_level: str = ""
    membership_status: str = ""


def _birth_range(band: str, today: dt.date) -> Q:
    low, high = AGE_BANDS[band]
    # Age >= low  <=> born on or before today minus low years; age < high <=> born after today minus high years.
    condition = Q(birth_date__lte=_years_before(today, low))
    if high is not None:
        condition &= Q(birth_date__gt=_years_before(today, high))
    return condition


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def search_condition(query: str) -> Q:
    """Each word typed must start a word of the name (diacritics ignored); a 4-digit year matches the birth year."""
    condition = Q()
    for term in words(query):
        if _YEAR.match(term):
            condition &= Q(birth_date__year=int(term))
        else:
            condition &= Q(name_folded__startswith=term) | Q(name_folded__contains=" " + term)
    return condition


def filter_people(user: Any, filters: PeopleFilter) -> QuerySet[Person]:
    qs = people_for(user)
    if filters.q:
        qs = qs.filter(search_condition(filters.q))
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    if filters.gender:
        qs = qs.filter(gender=filters.gender)
    if filters.ethnicity:
        qs = qs.filter(ethnicity=filters.ethnicity)
    if filters.age_band in AGE_BANDS:
        qs = qs.filter(_birth_range(filters.age_band, timezone.localdate()))
    if filters.political_theory_level:
        qs = qs.filter(political_theory_level=filters.political_theory_level)
    if filters.membership_status:
        qs = qs.filter(membership__status=filters.membership_status)
    return qs


def search_people(user: Any, query: str, *, limit: int = 20) -> list[Person]:
    if not words(query):
        return []
    return list(people_for(user).filter(search_condition(query)).select_related("unit", "membership")[:limit])
