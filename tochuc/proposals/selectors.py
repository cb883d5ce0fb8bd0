"""Reads on proposals, always for a user: a proposal is seen by those who reach the unit that sent
it, the unit that answers it, or a unit asked for its opinion (and the levels above them)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db.models import Count, F, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals.errors import ProposalsErrorCode
from tochuc.proposals.models import (
    FileStage,
    HopKind,
    Proposal,
    ProposalFile,
    ProposalHop,
    ProposalStatus,
    Timeliness,
)

OPEN = (ProposalStatus.OPEN, ProposalStatus.DRAFTED)
UnitCountsT = TypeVar("UnitCountsT", bound="UnitCounts")


def proposals_for(
    user: Actor, *, status: str | None = None, today: dt.date | None = None, received: bool | None = None
) -> QuerySet[Proposal]:
    """The proposals ``user`` may see; ``status`` filters by stored status, or ``overdue``/``late``."""
    today = today or timezone.localdate()
    asked = ProposalHop.objects.filter(
        scope_q(user, Action.VIEW, "to_unit__path"), kind=HopKind.OPINION_ASKED
    ).values("proposal_id")
    if received is True:
        condition = scope_q(user, Action.VIEW, "to_unit__path")
    elif received is False:
        condition = scope_q(user, Action.VIEW, "from_unit__path")
    else:
        condition = (
            scope_q(user, Action.VIEW, "from_unit__path")
            | scope_q(user, Action.VIEW, "to_unit__path")
            | Q(pk__in=asked)
        )
    qs = Proposal.objects.filter(condition).select_related("from_unit", "to_unit")
    if status == Timeliness.OVERDUE:
        qs = qs.filter(status__in=OPEN, answer_due__lt=today)
    elif status == Timeliness.LATE:
        qs = qs.filter(status=ProposalStatus.ANSWERED, answered_on__gt=F("answer_due"))
    elif status:
        qs = qs.filter(status=status)
    return qs


def get_proposal_for(user: Actor, pk: int) -> Proposal:
    """One proposal within the user's reach; "not found" otherwise."""
    found = proposals_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def visible_files(user: Actor, proposal: Proposal) -> QuerySet[ProposalFile]:
    """The files of a proposal ``user`` sees (the proposal itself already in reach): those sent with
    it; those of the answer once it is sent back, or before that for the answering unit."""
    files = proposal.files.all()
    if proposal.is_closed or any(can(user, a, proposal.to_unit) for a in (Action.EDIT, Action.APPROVE)):
        return files
    return files.filter(stage=FileStage.SENT)


def open_duplicates_of(proposal: Proposal) -> QuerySet[Proposal]:
    """Other open proposals the same unit must answer: the ones one published answer may close."""
    return (
        Proposal.objects.filter(to_unit_id=proposal.to_unit_id, status__in=OPEN)
        .exclude(pk=proposal.pk)
        .select_related("from_unit")
    )


@dataclass
class UnitCounts:
    """What one answering unit has received, answered and left overdue (proposals or feedback)."""

    unit_code: str
    unit_name: str
    total: int = 0
    open: int = 0
    overdue: int = 0
    answered: int = 0
    on_time: int = 0
    found_right: int = 0  # feedback only: found right by verification
    by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    def add(self, kind: str, total: int, open_: int, overdue: int, on_time: int) -> None:
        self.total += total
        self.by_kind[kind] += total
        self.open += open_
        self.overdue += overdue
        self.answered += total - open_
        self.on_time += on_time


def count_rows(
    qs: QuerySet[Any],
    *,
    unit: str,
    due: str,
    is_open: Q,
    make: Callable[[str, str], UnitCountsT],
    right: Q | None = None,
    unit_ids: Sequence[int] | None = None,
) -> dict[str, UnitCountsT]:
    """Counts per unit (``unit`` is the foreign key's name) and kind, made by the database in one
    query: one row per unit and kind whatever the number of items. ``right`` counts the items found
    right (feedback)."""
    today = timezone.localdate()
    if unit_ids is not None:
        qs = qs.filter(**{f"{unit}_id__in": unit_ids})
    rows = (
        qs.order_by()
        .values(f"{unit}_id", "kind")
        .annotate(
            n=Count("id"),
            n_open=Count("id", filter=is_open),
            n_overdue=Count("id", filter=is_open & Q(**{f"{due}__lt": today})),
            n_on_time=Count("id", filter=~is_open & Q(answered_on__lte=F(due))),
            n_right=Count("id", filter=right) if right is not None else Value(0),
        )
        .values_list(
            f"{unit}__code", f"{unit}__name", "kind", "n", "n_open", "n_overdue", "n_on_time", "n_right"
        )
    )
    found: dict[str, UnitCountsT] = {}
    for code, name, kind, n, n_open, n_overdue, n_on_time, n_right in rows:
        counts = found.get(code)
        if counts is None:
            counts = found[code] = make(code, name)
        counts.add(kind, n, n_open, n_overdue, n_on_time)
        counts.found_right += n_right
    return found


def ranked(counts: Iterable[UnitCountsT]) -> list[UnitCountsT]:
    """Most overdue first, then by name."""
    return sorted(counts, key=lambda c: (-c.overdue, c.unit_name, c.unit_code))


@dataclass
class Board(Generic[UnitCountsT]):
    """What a dashboard shows: the most overdue units, and how many units and overdue items in all."""

    rows: list[UnitCountsT]
    units: int
    overdue: int


def board(
    qs: QuerySet[Any],
    *,
    unit: str,
    due: str,
    is_open: Q,
    make: Callable[[str, str], UnitCountsT],
    top: int,
    right: Q | None = None,
) -> Board[UnitCountsT]:
    """The ``top`` most overdue units with their counts by kind, chosen by the database (a province has
    thousands of units; the page lists a few), and the totals over all of them."""
    overdue = is_open & Q(**{f"{due}__lt": timezone.localdate()})
    first = list(
        qs.order_by()
        .values(f"{unit}_id")
        .annotate(n_overdue=Count("id", filter=overdue))
        .order_by("-n_overdue", f"{unit}__name", f"{unit}_id")
        .values_list(f"{unit}_id", flat=True)[:top]
    )
    totals = qs.order_by().aggregate(
        units=Count(f"{unit}_id", distinct=True), overdue=Count("id", filter=overdue)
    )
    found = count_rows(qs, unit=unit, due=due, is_open=is_open, make=make, right=right, unit_ids=first)
    return Board(ranked(found.values()), totals["units"], totals["overdue"])


def answering_board(user: Actor, top: int) -> Board[UnitCounts]:
    return board(
        proposals_for(user, received=True),
        unit="to_unit",
        due="answer_due",
        is_open=Q(status__in=OPEN),
        make=UnitCounts,
        top=top,
    )


def counts_by_answering_unit(user: Actor) -> list[UnitCounts]:
    """Per answering unit in the user's reach: totals, open, overdue, answered on time, by kind."""
    return ranked(
        count_rows(
            proposals_for(user, received=True),
            unit="to_unit",
            due="answer_due",
            is_open=Q(status__in=OPEN),
            make=UnitCounts,
        ).values()
    )


def unit_by_code(code: str, *, field: str) -> OrgUnit:
    """An active unit named by its code, to send, forward or ask an opinion to: units above or beside
    the user's reach are addressed, not read (the service checks where a proposal may go)."""
    found = OrgUnit.objects.filter(code__iexact=(code or "").strip(), valid_to__isnull=True).first()
    if found is None:
        raise DomainError(
            _("Không có đơn vị mã «%(code)s».") % {"code": (code or "").strip()[:40]},
            field=field,
            code=ProposalsErrorCode.UNKNOWN_UNIT,
        )
    return found
