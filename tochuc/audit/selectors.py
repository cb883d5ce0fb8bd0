from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from tochuc.accounts.policy import Action, reaches
from tochuc.audit.models import AuditEvent
from tochuc.core.actors import Actor
from tochuc.orgunits.models import PATH_STEP


def events_for(
    user: Actor,
    *,
    actor: str = "",
    action: str = "",
    unit_path: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of the auditor's subtree, newest first, filtered.

    Events about accounts rather than units (logins, passwords) carry no unit
    path; auditors of a whole tree (a root unit with its subtree) see them.
    An event keeps the unit path of its time: after a unit moves, its older
    events are found through the moves (``_paths_q``).
    """
    moves = _moves()
    scope = Q(pk__in=[])
    for reach in reaches(user, Action.READ_AUDIT):
        scope |= _paths_q(reach.path, reach.include_subtree, moves)
    if any(r.include_subtree and len(r.path) == PATH_STEP for r in reaches(user, Action.READ_AUDIT)):
        scope |= Q(unit_path="")
    qs = AuditEvent.objects.filter(scope)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__startswith=action)
    if unit_path:
        qs = qs.filter(_paths_q(unit_path, True, moves))
    if date_from:
        qs = qs.filter(created_at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(created_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return qs.order_by("-seq")


Move = tuple[int, str, str]  # (seq of the move event, old path, new path)


def _moves() -> list[Move]:
    """Every unit move, newest first: the moved unit's old and new paths."""
    rows = AuditEvent.objects.filter(action="orgunit.move").order_by("-seq")
    return [
        (seq, str(summary["old_path"]), new_path)
        for seq, summary, new_path in rows.values_list("seq", "summary", "unit_path")
        if isinstance(summary, dict) and summary.get("old_path") and new_path
    ]


def _paths_q(path: str, subtree: bool, moves: list[Move]) -> Q:
    """Events about the unit now at ``path`` (and below it when ``subtree``), whenever recorded.

    Walking the moves from the newest back, each move that brought (part of)
    the subtree from elsewhere adds the old place, for the events recorded
    before that move.
    """
    places: list[tuple[str, int | None]] = [(path, None)]
    for seq, old, new in moves:
        for place, before in list(places):
            if before is not None and before <= seq:
                continue
            if place.startswith(new):
                places.append((old + place[len(new) :], seq))
            elif subtree and new.startswith(place):
                places.append((old, seq))
    condition = Q(pk__in=[])
    for place, before in places:
        found = Q(unit_path__startswith=place) if subtree else Q(unit_path=place)
        condition |= found if before is None else found & Q(seq__lt=before)
    return condition


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in local time: a range on the indexed column, not a cast per row."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
