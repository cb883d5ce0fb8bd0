from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tochuc.accounts.models import Role, User
from tochuc.award import services
from tochuc.award.models import AwardEntry, AwardRound
from tochuc.award.services import AuthorInput
from tochuc.conftest import Tree, make_user

MakeEntry = Callable[..., AwardEntry]


@pytest.fixture
def organizer(tree: Tree) -> User:
    """A specialist of the Central Organization Commission: organizes the award."""
    return make_user("organizer", Role.SPECIALIST, tree.commission)


@pytest.fixture
def award_round(tree: Tree, organizer: User) -> AwardRound:
    return services.round_open(actor=organizer, organizer=tree.commission, year=2025)


@pytest.fixture
def make_entry(award_round: AwardRound, organizer: User) -> MakeEntry:
    def make(
        title: str = "Giữ vững nền tảng tư tưởng",
        *,
        authors: tuple[str, ...] = ("Trần Văn Bình",),
        outlet: str = "Báo Nhân Dân",
        form: str = "print",
        published_on: dt.date = dt.date(2025, 3, 1),
        topic: str = "ideology",
        round: AwardRound | None = None,
    ) -> AwardEntry:
        return services.entry_record(
            actor=organizer,
            award_round=round or award_round,
            title=title,
            outlet=outlet,
            form=form,
            published_on=published_on,
            topic=topic,
            authors=[AuthorInput(name) for name in authors],
        )

    return make
