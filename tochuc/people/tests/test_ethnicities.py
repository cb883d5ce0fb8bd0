"""Ethnicity lists follow the official list: Kinh first, then Tày, Thái, Hoa…; others after, alphabetically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.cache import cache

from tochuc.people.ethnicities import ETHNIC_GROUPS, in_official_order, official_rank
from tochuc.people.selectors import ethnicities_for
from tochuc.people.services import person_create


def test_the_list_has_the_54_groups_once_each():
    assert len(ETHNIC_GROUPS) == 54 == len(set(ETHNIC_GROUPS))
    assert ETHNIC_GROUPS[:4] == ("Kinh", "Tày", "Thái", "Hoa") and ETHNIC_GROUPS[-1] == "Rơ Măm"


@pytest.mark.parametrize(
    ("spelling", "group"), [("HMông", "Mông"), ("Khơ-me", "Khmer"), ("ê đê", "Ê Đê"), ("Khơ Mú", "Khơ Mú")]
)
def test_other_spellings_find_their_group(spelling, group):
    assert official_rank(spelling) == ETHNIC_GROUPS.index(group)


def test_official_order_then_alphabet_of_the_others():
    names = ["Ơ Đu", "Người nước ngoài", "Dao", "Ê-đê", "Kinh", "Hmông", "Anh", "Tày"]
    assert in_official_order(names) == [
        "Kinh",
        "Tày",
        "Hmông",
        "Dao",
        "Ê-đê",
        "Ơ Đu",
        "Anh",
        "Người nước ngoài",
    ]


@pytest.mark.django_db
def test_the_people_filter_lists_them_in_that_order(tree, inside):
    cache.clear()
    for i, ethnicity in enumerate(["Ê Đê", "Thái", "Kinh", "Dao", "Tày"]):
        person_create(
            actor=None,
            unit=tree.cell,
            code=f"E{i}",
            values={
                "full_name": f"Nguyễn Văn {chr(65 + i)}",
                "birth_date": dt.date(1980, 1, 1),
                "gender": "male",
                "ethnicity": ethnicity,
            },
        )
    assert ethnicities_for(inside) == ["Kinh", "Tày", "Thái", "Dao", "Ê Đê"]


def test_the_order_is_that_of_the_statistics_office_tables():
    """The 53 minorities in the column order of a published 2019 table, spelled as printed there."""
    corpus = Path(__file__).parent / "corpus" / "ethnic_groups_gso_2019.txt"
    printed = [line for line in corpus.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(printed) == 53
    assert [official_rank(name) for name in printed] == list(range(1, 54))
