"""The discipline time limit at its boundary, for every form and subject: pure rules, no database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tochuc.core.rules import blocking, run
from tochuc.rewards.party_age import add_years
from tochuc.rewards.rules import get_discipline_pack
from tochuc.rewards.rules.discipline_base import DisciplineFacts

PACK = get_discipline_pack()
SUBJECTS = {
    "member": ("reprimand", "warning", "removal", "expulsion"),
    "organization": ("reprimand", "warning", "dissolution"),
}


def refused(facts: DisciplineFacts) -> list[str]:
    return [f.rule for f in blocking(run(PACK.rules, facts, PACK))]


@given(
    violation_on=st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31)),
    subject=st.sampled_from(sorted(SUBJECTS)),
    data=st.data(),
    no_time_limit=st.booleans(),
)
def test_the_limit_ends_on_the_anniversary_and_expulsion_has_none(
    violation_on: dt.date, subject: str, data: st.DataObject, no_time_limit: bool
) -> None:
    form = data.draw(st.sampled_from(SUBJECTS[subject]))

    def facts(decided_on: dt.date) -> DisciplineFacts:
        return DisciplineFacts(
            is_organization=subject == "organization",
            is_probationary=False,
            form=form,
            violation_on=violation_on,
            decided_on=decided_on,
            no_time_limit=no_time_limit,
        )

    years = PACK.limit_years(form)
    if years is None:  # expulsion and dissolution: never too late
        assert refused(facts(add_years(violation_on, 60))) == []
        return
    last_day = add_years(violation_on, years)
    assert years == (5 if form == "reprimand" else 10)
    assert refused(facts(last_day)) == []
    after = refused(facts(last_day + dt.timedelta(days=1)))
    assert after == ([] if no_time_limit else ["time_limit"])
