"""Reading kept figures. Callers decide whether the user sees the whole subtree being summed
(``tochuc.accounts.policy.can_subtree``): a kept figure counts everything below a unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import Sum

from tochuc.figures.models import Figure
from tochuc.orgunits.models import OrgUnit

Counts = dict[tuple[str, str], int]


def enabled() -> bool:
    """Whether pages read kept figures (``TOCHUC_KEPT_FIGURES``, on by default; off to compare)."""
    return bool(getattr(settings, "TOCHUC_KEPT_FIGURES", True))


def figures_of(unit_ids: Iterable[int], topics: Iterable[str], cycle_pk: int = 0) -> dict[int, Counts]:
    """For each unit: {(topic, item): count} of its whole subtree; one indexed query."""
    ids = list(unit_ids)
    found: dict[int, Counts] = {pk: {} for pk in ids}
    rows = (
        Figure.objects.filter(unit_id__in=ids, topic__in=list(topics), cycle_pk=cycle_pk)
        .exclude(n=0)
        .values_list("unit_id", "topic", "item", "n")
    )
    for unit_id, topic, item, n in rows:
        found[unit_id][(topic, item)] = n
    return found


def outermost(roots: Iterable[tuple[int, str]]) -> list[int]:
    """Of (unit id, path) pairs, the ids of the units not inside another one's subtree (each once):
    summing the kept figures of nested roots would count the inner subtree twice."""
    paths = sorted({path: pk for pk, path in roots}.items())
    kept: list[tuple[str, int]] = []
    for path, pk in paths:
        if not any(path.startswith(outer) for outer, _pk in kept):
            kept.append((path, pk))
    return [pk for _path, pk in kept]


def cycle_sums(
    roots: Iterable[tuple[int, str]], topics: Iterable[str], cycle_pks: Iterable[int]
) -> dict[tuple[int, str, str], int]:
    """{(cycle pk, topic, item): count} summed over the subtrees of ``roots`` ((unit id, path) pairs,
    nested ones counted once); one indexed query. Items counted nowhere are left out."""
    ids, cycles = outermost(roots), list(cycle_pks)
    if not ids or not cycles:
        return {}
    rows = (
        Figure.objects.filter(unit_id__in=ids, topic__in=list(topics), cycle_pk__in=cycles)
        .values_list("cycle_pk", "topic", "item")
        .annotate(total=Sum("n"))
        .order_by()
    )
    return {(cycle_pk, topic, item): int(total) for cycle_pk, topic, item, total in rows if total}


def children_figures(
    unit: OrgUnit, topics: Iterable[str], cycle_pk: int = 0
) -> dict[int, tuple[str, Counts]]:
    """``unit`` and each of its children (active or not): {id: (path, {(topic, item): count})}; one query.

    Units with nothing counted are there with empty counts.
    """
    topics = list(topics)
    marks = ", ".join(["%s"] * len(topics))
    sql = (
        f"SELECT u.id, u.path, f.topic, f.item, f.n FROM {OrgUnit._meta.db_table} u "
        f"LEFT JOIN {Figure._meta.db_table} f ON f.unit_id = u.id AND f.cycle_pk = %s "
        f"AND f.topic IN ({marks}) AND f.n <> 0 "
        "WHERE u.parent_id = %s OR u.id = %s"
    )
    found: dict[int, tuple[str, Counts]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle_pk, *topics, unit.pk, unit.pk])
        for unit_id, path, topic, item, n in cursor.fetchall():
            counts = found.setdefault(unit_id, (path, {}))[1]
            if topic is not None:
                counts[(topic, item)] = int(n)
    return found


def task_counts(unit_ids: Iterable[int], today: dt.date) -> dict[int, dict[str, int]]:
    """Tasks led in each unit's subtree: done on time, done late, overdue, open (not done, not overdue).

    Kept figures hold the stored facts (done or not, deadline), so this is exact for the first three
    whatever ``today``; at risk, on track and not started also need reports and percent, read raw.
    """
    found = figures_of(unit_ids, ["task"])
    counts: dict[int, dict[str, int]] = {}
    for unit_id, items in found.items():
        row = {"done_on_time": 0, "done_late": 0, "overdue": 0, "open": 0}
        for (_topic, item), n in items.items():
            if item in ("done_on_time", "done_late"):
                row[item] += n
            elif item.startswith("open:"):
                deadline = item[len("open:") :]
                late = bool(deadline) and dt.date.fromisoformat(deadline) < today
                row["overdue" if late else "open"] += n
        counts[unit_id] = row
    return counts
