"""Read-only selectors of the inflation analytics, always scoped by the acting user.

Everything is aggregated in SQL, grouped by the child's path prefix (paths are
fixed-width segments, see ``tochuc.orgunits.models``): a page costs the same
handful of queries whatever the number of units or people below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from tochuc.accounts.policy import Action, can_subtree, reaches, require, scope_q
from tochuc.core.actors import Actor
from tochuc.evaluations.analytics.figures import (
    CLOSED_CYCLE_CACHE_SECONDS,
    PEOPLE_LIMIT,
    Analytics,
    Distribution,
    PersonRow,
    Previous,
    UnitRow,
)
from tochuc.evaluations.analytics.flags import flags_for
from tochuc.evaluations.analytics.kept import kept_distribution, kept_rollup
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Rating, Stage
from tochuc.evaluations.rules.base import RulePack
from tochuc.figures.selectors import enabled as kept_figures_enabled
from tochuc.orgunits.models import PATH_STEP, OrgUnit

T = TypeVar("T")
# One figure of a roll-up row as the database returns it: a count or a score, None when nothing is counted.
Figure = int | float | Decimal | str | None
_COUNTS = ("excellent", "good", "completed", "not_completed", "unrated", "not_reviewed", "scored")

# --- Rule pack ------------------------------------------------------------------------------


def pack_for(cycle: EvaluationCycle) -> RulePack:
    """The cycle's rule pack from the registry, or the defaults while the registry is not there."""
    from tochuc.evaluations import rules

    getter = getattr(rules, "get_pack", None)
    if getter is not None:
        try:
            pack = getter(cycle.pack)
        except Exception:  # an unknown pack code: fall back to the defaults rather than fail the page
            pack = None
        if isinstance(pack, RulePack):
            return pack
    return RulePack(code=cycle.pack, name=cycle.pack, citation=cycle.pack)


# --- Cycles and units the user may look at ---------------------------------------------------


def _ancestor_or_self_paths(path: str) -> list[str]:
    return [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]


def cycle_units_in_reach(user: Actor, action: Action = Action.VIEW) -> list[int]:
    """The units of the cycles whose subtree meets the user's reach: over a unit in it, or over an ancestor.

    Picked by id among the few units that hold a cycle, never by joining the cycles to the units on
    a path condition: PostgreSQL merges such a join along the units' primary key and, for a province
    with high ids, reads most of the country's units to find two (T34: 409 ms).
    """
    condition = Q(pk__in=[])
    for reach in reaches(user, action):
        condition |= Q(path__in=_ancestor_or_self_paths(reach.path))
        if reach.include_subtree:
            condition |= Q(path__startswith=reach.path)
    held = list(EvaluationCycle.objects.order_by().values_list("unit_id", flat=True).distinct())
    if not held:
        return []
    return list(OrgUnit.objects.filter(condition, pk__in=held).values_list("pk", flat=True))


def meets_reach(user: Actor, unit: OrgUnit, action: Action = Action.VIEW) -> bool:
    """Whether a cycle over ``unit`` meets the user's reach (the rule of ``cycle_units_in_reach``)."""
    return any(
        reach.path.startswith(unit.path) or (reach.include_subtree and unit.path.startswith(reach.path))
        for reach in reaches(user, action)
    )


def visible_cycles(user: Actor) -> QuerySet[EvaluationCycle]:
    """Cycles whose subtree meets the user's reach: over a unit they see, or over one of its ancestors."""
    return (
        EvaluationCycle.objects.filter(unit_id__in=cycle_units_in_reach(user))
        .select_related("unit")
        .order_by("-year", "-created_at", "code")
    )


def latest_cycle(user: Actor) -> EvaluationCycle | None:
    return visible_cycles(user).first()


def default_unit(user: Actor, cycle: EvaluationCycle) -> OrgUnit | None:
    """The user's top unit that meets the cycle: the cycle's unit if it lies inside the reach."""
    for reach in reaches(user, Action.VIEW):
        if reach.path.startswith(cycle.unit.path):
            return OrgUnit.objects.filter(pk=reach.unit_id).first()
        if reach.include_subtree and cycle.unit.path.startswith(reach.path):
            return cycle.unit
    return None


# --- The aggregation --------------------------------------------------------------------------


def _rated(rating: str) -> Q:
    return Q(final_rating=rating) | (Q(final_rating="") & Q(proposed_rating=rating))


def _scoped(user: Actor, cycle: EvaluationCycle, unit: OrgUnit) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(scope_q(user, Action.VIEW, "unit__path"), cycle=cycle).filter(
        unit__path__startswith=unit.path
    )


def _units_in(user: Actor, unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(scope_q(user, Action.VIEW), path__startswith=unit.path)


def _score() -> Coalesce:
    return Coalesce(F("final_score"), F("proposed_score"))


def _full_aggregates() -> dict[str, Aggregate]:
    """Everything a ``Distribution`` holds."""
    ind = ~Q(stage=Stage.NOT_REVIEWED)
    return {
        "excellent": Count("pk", filter=ind & _rated(Rating.EXCELLENT)),
        "good": Count("pk", filter=ind & _rated(Rating.GOOD)),
        "completed": Count("pk", filter=ind & _rated(Rating.COMPLETED)),
        "not_completed": Count("pk", filter=ind & _rated(Rating.NOT_COMPLETED)),
        "unrated": Count("pk", filter=ind & Q(final_rating="") & Q(proposed_rating="")),
        "not_reviewed": Count("pk", filter=Q(stage=Stage.NOT_REVIEWED)),
        "scored": Count(_score(), filter=ind),
        "min_score": Min(_score(), filter=ind),
        "max_score": Max(_score(), filter=ind),
    }


def _excellent_aggregates() -> dict[str, Aggregate]:
    """Only what the share of Excellent needs (the previous cycle)."""
    ind = ~Q(stage=Stage.NOT_REVIEWED)
    return {
        "excellent": Count("pk", filter=ind & _rated(Rating.EXCELLENT)),
        "rated": Count("pk", filter=ind & (~Q(final_rating="") | ~Q(proposed_rating=""))),
    }


def _rollup(
    user: Actor, cycle: EvaluationCycle, unit: OrgUnit, aggregates: dict[str, Aggregate]
) -> dict[str, dict[str, Figure]]:
    """One query: ``aggregates`` of the individuals, per child path prefix (the unit's own path for its own).

    The evaluations are first aggregated per evaluated unit (an index range on the cycle, no join on
    the big table), then those few thousand rows are joined to their unit and combined per child
    prefix ``SUBSTR(path, 1, len(unit.path) + PATH_STEP)``: counts summed, ``min_*`` / ``max_*`` kept.
    """
    rows = Evaluation.objects.filter(cycle=cycle, person__isnull=False)
    if not (cycle.unit.path.startswith(unit.path) and can_subtree(user, Action.VIEW, cycle.unit)):
        # Only when the unit lies inside the cycle, or the user does not see all of the cycle's subtree,
        # must the units be picked; otherwise the cycle alone is the subtree.
        rows = rows.filter(unit_id__in=_units_in(user, unit).values("pk"))
    inner = rows.values("unit_id").annotate(**aggregates).order_by()
    inner_sql, inner_params = inner.query.sql_with_params()
    names = list(aggregates)
    outer = ", ".join(
        f"{n[:3].upper()}(e.{n})" if n.startswith(("min_", "max_")) else f"SUM(e.{n})" for n in names
    )
    table = connection.ops.quote_name(OrgUnit._meta.db_table)
    sql = (
        f"SELECT SUBSTR(u.path, 1, %s) AS prefix, {outer} "
        f"FROM ({inner_sql}) e JOIN {table} u ON u.id = e.unit_id GROUP BY SUBSTR(u.path, 1, %s)"
    )
    width = len(unit.path) + PATH_STEP
    with connection.cursor() as cursor:
        cursor.execute(sql, [width, *inner_params, width])
        return {prefix: dict(zip(names, values, strict=True)) for prefix, *values in cursor.fetchall()}


def _reads_kept(user: Actor, unit: OrgUnit) -> bool:
    """Kept figures count a whole subtree: read them only for a reader who sees all of it."""
    return kept_figures_enabled() and can_subtree(user, Action.VIEW, unit)


def _scope_key(user: Actor) -> str:
    parts = [f"{r.path}{'*' if r.include_subtree else ''}" for r in reaches(user, Action.VIEW)]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _cached(user: Actor, cycle: EvaluationCycle, unit: OrgUnit, kind: str, compute: Callable[[], T]) -> T:
    """``compute()``; for a closed cycle, kept a while in the cache (per cycle version, unit and scope)."""
    if not cycle.is_closed:
        return compute()
    stamp = cycle.updated_at.timestamp() if cycle.updated_at else 0
    key = f"evaluations:analytics:{kind}:{cycle.pk}:{stamp}:{unit.path}:{_scope_key(user)}"
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CLOSED_CYCLE_CACHE_SECONDS)
    return found


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _distributions(user: Actor, cycle: EvaluationCycle, unit: OrgUnit) -> dict[str, Distribution]:
    """The individuals' distribution per child prefix."""

    def compute() -> dict[str, Distribution]:
        out: dict[str, Distribution] = {}
        if _reads_kept(user, unit):
            for prefix, counts in kept_rollup(cycle, unit).items():
                out[prefix] = kept_distribution(counts)
            return out
        for prefix, row in _rollup(user, cycle, unit, _full_aggregates()).items():
            dist = Distribution(min_score=_decimal(row["min_score"]), max_score=_decimal(row["max_score"]))
            for name in _COUNTS:
                setattr(dist, name, int(row[name] or 0))
            out[prefix] = dist
        return out

    return _cached(user, cycle, unit, "dist", compute)


def _excellent_shares(user: Actor, cycle: EvaluationCycle, unit: OrgUnit) -> dict[str, float | None]:
    """The share of Excellent among those rated, per child prefix (None when nobody is rated)."""

    def compute() -> dict[str, float | None]:
        if _reads_kept(user, unit):
            return {
                prefix: kept_distribution(counts).excellent_share
                for prefix, counts in kept_rollup(cycle, unit).items()
            }
        rows = _rollup(user, cycle, unit, _excellent_aggregates())
        return {
            prefix: (int(row["excellent"] or 0) / int(row["rated"]) if row["rated"] else None)
            for prefix, row in rows.items()
        }

    return _cached(user, cycle, unit, "excellent", compute)


def _collectives(
    user: Actor, cycles: list[EvaluationCycle], paths: Iterable[str]
) -> dict[tuple[int, str], tuple[str, Decimal | None]]:
    """One query: the current rating and score of the collectives at ``paths``, keyed by (cycle id, path)."""
    rows = (
        Evaluation.objects.filter(
            scope_q(user, Action.VIEW, "unit__path"), cycle__in=[c.pk for c in cycles], person__isnull=True
        )
        .filter(unit__path__in=list(paths))
        .values_list(
            "cycle_id", "unit__path", "final_rating", "proposed_rating", "final_score", "proposed_score"
        )
    )
    return {
        (cycle_id, path): (final or proposed, final_score if final_score is not None else proposed_score)
        for cycle_id, path, final, proposed, final_score, proposed_score in rows
    }


def previous_cycle(cycle: EvaluationCycle, unit: OrgUnit) -> EvaluationCycle | None:
    """The latest earlier cycle of the same kind over ``unit`` or one of its ancestors."""
    covering = _ancestor_or_self_paths(unit.path)
    earlier = Q(year__lt=cycle.year)
    if cycle.quarter is not None:
        earlier |= Q(year=cycle.year, quarter__lt=cycle.quarter)
    return (
        EvaluationCycle.objects.filter(earlier, kind=cycle.kind, unit__path__in=covering)
        .exclude(pk=cycle.pk)
        .select_related("unit")
        .order_by("-year", F("quarter").desc(nulls_last=True), "-created_at")
        .first()
    )


def _previous_figures(
    user: Actor,
    cycle: EvaluationCycle,
    unit: OrgUnit,
    paths: list[str],
    collectives: dict[tuple[int, str], tuple[str, Decimal | None]],
) -> dict[str, Previous]:
    """The share of Excellent per child prefix and the collective's rating, in the earlier ``cycle``."""
    shares = _excellent_shares(user, cycle, unit)
    found: dict[str, Previous] = {}
    for path in paths:
        rating = collectives.get((cycle.pk, path), ("", None))[0]
        if path in shares or rating:
            found[path] = Previous(shares.get(path), rating)
    return found


def sibling_means(shares: list[float | None]) -> list[float | None]:
    """For each known share, the mean of the other known shares (None when unknown or alone).

    Each mean sums the others in their order, as ``sum`` over the list without that share would:
    the list is sliced around it, in C, rather than filtered row by row (168 communes: 28,000 steps).
    """
    values = [s for s in shares if s is not None]
    means: list[float | None] = []
    i = 0
    for share in shares:
        if share is None:
            means.append(None)
            continue
        others = values[:i] + values[i + 1 :]
        i += 1
        means.append(sum(others) / len(others) if others else None)
    return means


# --- The page ---------------------------------------------------------------------------------


def analytics_for(user: Actor, cycle: EvaluationCycle, unit: OrgUnit) -> Analytics:
    """The analytics of ``unit`` in ``cycle`` for ``user`` (404 if the unit is out of reach).

    Queries: the distributions, the children, the previous cycle, the collectives of both
    cycles, the previous cycle's distributions (kept in the cache when that cycle is closed);
    for a unit without children, its individuals. The grants come from the policy's cache.
    """
    require(user, Action.VIEW, unit)
    pack = pack_for(cycle)
    dists = _distributions(user, cycle, unit)
    # Whether a child has children of its own that the user sees: one probe each, stopping at the first.
    grandchildren = OrgUnit.objects.filter(
        scope_q(user, Action.VIEW), parent=OuterRef("pk"), valid_to__isnull=True
    )
    children = list(
        OrgUnit.objects.filter(scope_q(user, Action.VIEW), parent=unit)
        .filter(Q(valid_to__isnull=True) | Q(path__in=list(dists)))
        .annotate(active_children=Exists(grandchildren))
        .order_by("sort_order", "name")
    )
    # Only children whose subtree meets the cycle's.
    children = [
        c for c in children if c.path.startswith(cycle.unit.path) or cycle.unit.path.startswith(c.path)
    ]
    paths = [c.path for c in children]
    before = previous_cycle(cycle, unit) if children else None
    collectives = _collectives(user, [cycle] if before is None else [cycle, before], [unit.path, *paths])
    rows: list[UnitRow] = []
    own = dists.get(unit.path)
    if own is not None and own.individuals + own.not_reviewed:
        rows.append(UnitRow(unit=unit, dist=own, own=True))
    for child in children:
        rating, score = collectives.get((cycle.pk, child.path), ("", None))
        rows.append(
            UnitRow(
                unit=child,
                dist=dists.get(child.path, Distribution()),
                collective=rating,
                collective_score=score,
                has_children=bool(getattr(child, "active_children", 0)),
            )
        )
    if before is not None:
        previous = _previous_figures(user, before, unit, paths, collectives)
        for row in rows:
            if not row.own:
                row.previous = previous.get(row.unit.path)
    child_rows = [r for r in rows if not r.own]
    shares = [
        (r, r.dist.good_or_better if r.dist.rated >= pack.inflation_min_people else None) for r in child_rows
    ]
    for (row, _share), mean in zip(shares, sibling_means([s for _r, s in shares]), strict=True):
        row.flags = flags_for(row, mean, pack)
    if not children and rows:
        # A unit without children (a cell): its own people against its own collective.
        own_row = rows[0]
        own_row.collective, own_row.collective_score = collectives.get((cycle.pk, unit.path), ("", None))
        own_row.flags = flags_for(own_row, None, pack)
    total = Distribution()
    for dist in dists.values():
        total.add(dist)
    own_rating, own_score = collectives.get((cycle.pk, unit.path), ("", None))
    result = Analytics(
        cycle=cycle,
        unit=unit,
        pack=pack,
        previous_cycle=before,
        rows=rows,
        total=total,
        collective=own_rating,
        collective_score=own_score,
    )
    if not children:
        result.people, result.people_truncated = _people(user, cycle, unit)
    return result


def _people(user: Actor, cycle: EvaluationCycle, unit: OrgUnit) -> tuple[list[PersonRow], bool]:
    """The individuals evaluated in ``unit`` (a unit without children, e.g. a cell)."""
    rows = list(
        _scoped(user, cycle, unit)
        .filter(person__isnull=False)
        .order_by("-is_head", "person__sort_key", "pk")
        .values_list(
            "pk",
            "person__code",
            "person__full_name",
            "is_head",
            "final_rating",
            "proposed_rating",
            "final_score",
            "proposed_score",
            "stage",
        )[: PEOPLE_LIMIT + 1]
    )
    people = [
        PersonRow(
            evaluation_id=pk,
            person_code=code,
            person_name=name,
            is_head=head,
            rating="" if stage == Stage.NOT_REVIEWED else (final or proposed),
            score=final_score if final_score is not None else proposed_score,
            stage=stage,
        )
        for pk, code, name, head, final, proposed, final_score, proposed_score, stage in rows[:PEOPLE_LIMIT]
    ]
    return people, len(rows) > PEOPLE_LIMIT
