"""The structure report from the kept figures (``tochuc.figures``): one indexed query of a few
hundred rows for a province or the whole country, instead of counting its people.

Kept figures hold birth years, not birth dates: an age is this year − the birth year (someone born
in 1996 is 30 all of 2026), and the page says so.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from tochuc.figures.selectors import figures_of
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Gender, MembershipStatus, TheoryLevel
from tochuc.reports.selectors import (
    UNKNOWN,
    AgeBand,
    BandCount,
    Structure,
    _ethnicity_of,
    _qualification_of,
    _shares,
    age_bands,
)

TOPICS = ("year_gender", "ethnicity", "theory", "qualification", "membership")


def _band_of(bands: list[AgeBand], age: int) -> str:
    for band in bands:
        if (band.low is None or age >= band.low) and (band.high is None or age < band.high):
            return band.key
    return UNKNOWN


def structure_kept(unit: OrgUnit, *, today: dt.date, top: int) -> Structure:
    """Everyone of ``unit``'s subtree (the caller checked that the user sees all of it)."""
    counts = figures_of([unit.pk], TOPICS)[unit.pk]
    by_topic: dict[str, dict[str, int]] = {topic: {} for topic in TOPICS}
    for (topic, item), n in counts.items():
        by_topic[topic][item] = n
    bands = age_bands()
    cells: dict[tuple[str, str], int] = {}
    total = 0
    for item, n in by_topic["year_gender"].items():
        year, _sep, gender = item.partition(":")
        band = _band_of(bands, today.year - int(year)) if year.isdigit() else UNKNOWN
        cells[(band, gender)] = cells.get((band, gender), 0) + n
        total += n
    age_gender = [
        BandCount(b.key, b.label, cells.get((b.key, Gender.MALE), 0), cells.get((b.key, Gender.FEMALE), 0))
        for b in bands
    ]
    men = sum(b.men for b in age_gender)
    women = sum(b.women for b in age_gender)
    theory = by_topic["theory"]
    membership = by_topic["membership"]
    membership_rows = [(s.value, str(s.label), membership.get(s.value, 0)) for s in MembershipStatus]
    membership_rows.append((UNKNOWN, str(_("Không có hồ sơ đảng viên")), membership.get("-", 0)))
    return Structure(
        unit=unit,
        as_of=today,
        total=total,
        age_gender=age_gender,
        gender=_shares(
            [
                (Gender.MALE.value, str(Gender.MALE.label), men),
                (Gender.FEMALE.value, str(Gender.FEMALE.label), women),
            ],
            total,
        ),
        ethnicity=_ethnicity_of(
            [{"ethnicity": name, "n": n} for name, n in by_topic["ethnicity"].items()], total, top
        ),
        theory=_shares([(t.value, str(t.label), theory.get(t.value, 0)) for t in TheoryLevel], total),
        qualification=_qualification_of(by_topic["qualification"].items(), total),
        membership=_shares(membership_rows, total),
        by_birth_year=True,
    )
