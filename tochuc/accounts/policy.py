"""The one place that decides who may do what where.

A user's reach is the set of their role grants: (role, unit, with or without
the subtree). Every view, API endpoint, selector and command asks this module;
nothing else reads grants. What lies outside a user's reach does not exist for
them: callers answer 404, never 403.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from tochuc.accounts.models import Role, RoleGrant
from tochuc.core.actors import Actor

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tochuc.accounts.models import User
    from tochuc.orgunits.models import OrgUnit


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # enter and correct data
    APPROVE = "approve"
    MANAGE_UNITS = "manage_units"  # create, rename, move, merge, split, dissolve
    MANAGE_GRANTS = "manage_grants"
    READ_AUDIT = "read_audit"
    REVEAL_CITIZEN_ID = "reveal_citizen_id"  # see the full citizen ID number (each time audited)


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.SPECIALIST: frozenset({Action.VIEW, Action.EDIT, Action.MANAGE_UNITS, Action.REVEAL_CITIZEN_ID}),
    Role.LEADER: frozenset({Action.VIEW, Action.APPROVE, Action.REVEAL_CITIZEN_ID}),
    Role.ADMIN: frozenset({Action.VIEW, Action.EDIT, Action.MANAGE_UNITS, Action.MANAGE_GRANTS}),
    Role.AUDITOR: frozenset({Action.VIEW, Action.READ_AUDIT}),
}


@dataclass(frozen=True)
class Reach:
    """Where one grant reaches: a unit path, alone or with its subtree."""

    unit_id: int
    path: str
    include_subtree: bool

    def covers(self, path: str) -> bool:
        return path.startswith(self.path) if self.include_subtree else path == self.path


_CACHE_ATTR = "_tochuc_grants"


def _grants(user: User | AnonymousUser) -> list[RoleGrant]:
    if user.is_anonymous or not user.is_active:
        return []
    cached: list[RoleGrant] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user_id=user.pk).select_related("unit"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_grants(user: User | AnonymousUser) -> None:
    """Drop the per-request cache after grants change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def reaches(user: User | AnonymousUser, action: Action) -> list[Reach]:
    """The user's reaches for ``action``, with those inside another subtree reach dropped."""
    found = {
        Reach(g.unit_id, g.unit.path, g.include_subtree)
        for g in _grants(user)
        if action in ROLE_ACTIONS.get(g.role, frozenset())
    }
    subtree_paths = [r.path for r in found if r.include_subtree]
    return sorted(
        (
            r
            for r in found
            if not any(r.path.startswith(p) and (r.path != p or not r.include_subtree) for p in subtree_paths)
        ),
        key=lambda r: r.path,
    )


def reach_units(user: User | AnonymousUser, action: Action) -> list[OrgUnit]:
    """The units at the top of the user's reaches for ``action``, in tree order, from the grants
    already loaded (no query of their own)."""
    by_id = {g.unit_id: g.unit for g in _grants(user)}
    return [by_id[r.unit_id] for r in reaches(user, action)]


def has_any(user: User | AnonymousUser, action: Action) -> bool:
    return bool(reaches(user, action))


def can(user: User | AnonymousUser, action: Action, unit: OrgUnit) -> bool:
    return any(r.covers(unit.path) for r in reaches(user, action))


def can_subtree(user: User | AnonymousUser, action: Action, unit: OrgUnit) -> bool:
    """Whether the user may do ``action`` on ``unit`` and on everything below it."""
    return any(r.include_subtree and unit.path.startswith(r.path) for r in reaches(user, action))


def scope_q(user: User | AnonymousUser, action: Action, path_field: str = "path") -> Q:
    """A filter keeping rows whose unit path (``path_field``) the user reaches."""
    condition = Q(pk__in=[])
    for reach in reaches(user, action):
        if reach.include_subtree:
            condition |= Q(**{f"{path_field}__startswith": reach.path})
        else:
            condition |= Q(**{path_field: reach.path})
    return condition


def require(user: User | AnonymousUser, action: Action, unit: OrgUnit) -> None:
    """404 unless the user may do ``action`` on ``unit``."""
    if not can(user, action, unit):
        raise Http404


def enforce(actor: Actor | None, action: Action, unit: OrgUnit) -> None:
    """The check every service makes: "not found" unless ``actor`` may ``action`` on ``unit``.

    ``actor=None`` is the system itself (commands, demo data, scheduled rules).
    """
    from tochuc.core.errors import not_found

    if actor is not None and not can(actor, action, unit):
        raise not_found()


def required_otp(user: User | AnonymousUser) -> bool:
    """Whether this user must confirm a TOTP code after the password."""
    from django.conf import settings

    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "otp_required", False):
        return True
    roles = set(settings.TOCHUC_OTP_REQUIRED_ROLES)
    return any(g.role in roles for g in _grants(user))


def _grantees(action: Action) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """The active users with a grant allowing ``action``, by the granted unit's path: those whose grant
    covers the subtree, and those whose grant covers the unit alone (one query)."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if action in actions]
    subtree: dict[str, set[int]] = defaultdict(set)
    single: dict[str, set[int]] = defaultdict(set)
    grants = RoleGrant.objects.filter(role__in=roles, user__is_active=True).values_list(
        "user_id", "unit__path", "include_subtree"
    )
    for user_id, path, include_subtree in grants.iterator(chunk_size=5000):
        (subtree if include_subtree else single)[path].add(user_id)
    return subtree, single


def users_who_can(action: Action, paths: Iterable[str]) -> dict[str, set[int]]:
    """For each unit path, the ids of the active users who may do ``action`` there (set-based)."""
    from tochuc.orgunits.models import PATH_STEP

    subtree, single = _grantees(action)
    found: dict[str, set[int]] = {}
    for path in paths:
        users = set(single.get(path, ()))
        for end in range(PATH_STEP, len(path) + 1, PATH_STEP):
            users |= subtree.get(path[:end], set())
        found[path] = users
    return found


@dataclass(frozen=True)
class Levels:
    """Who may act on one unit, split by how close their grant is.

    ``nearest``: the users whose grant is the closest to the unit (the unit itself, or its
    nearest ancestor where anyone has such a grant with the subtree); ``above``: the others,
    whose closest grant is further up. Together they are ``users_who_can``'s answer.
    """

    nearest: frozenset[int]
    above: frozenset[int]


def users_who_can_by_level(action: Action, paths: Iterable[str]) -> dict[str, Levels]:
    """For each unit path, the active users who may do ``action`` there, nearest level apart.

    Set-based like ``users_who_can``: one query for the grants, then a walk up each path.
    """
    from tochuc.orgunits.models import PATH_STEP

    subtree, single = _grantees(action)
    empty: frozenset[int] = frozenset()
    found: dict[str, Levels] = {}
    for path in paths:
        if path in found:
            continue
        nearest: frozenset[int] = empty
        above: set[int] = set()
        # From the unit itself up to the root; the first level with anyone is the nearest.
        for end in range(len(path) // PATH_STEP * PATH_STEP, 0, -PATH_STEP):
            level = subtree.get(path[:end], set())
            if end == len(path):
                level = level | single.get(path, set())
            if not nearest:
                nearest = frozenset(level)
            else:
                above |= level
        found[path] = Levels(nearest, frozenset(above - nearest))
    return found
