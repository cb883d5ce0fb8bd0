"""The shared catalog of titles (chức danh): who may change it, and the changes, each audited.

Anyone who enters data (``Action.EDIT`` somewhere) may add a title and see the catalog. Renaming or
retiring one changes every position that carries it, so it is allowed only to someone who may edit
every unit holding such a position. A title no position carries yet belongs to the catalog alone: only
the level that owns the catalog (EDIT over a whole tree, from its root unit down) renames or retires it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, has_any, reaches
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError, not_found
from tochuc.core.text import nfc
from tochuc.orgunits.models import PATH_STEP, OrgUnit, UnitKind
from tochuc.positions.errors import PositionsErrorCode
from tochuc.positions.models import LeadershipGroup, Position, Title


def may_see_titles(user: Actor) -> bool:
    return has_any(user, Action.EDIT)


def titles_for(user: Actor) -> QuerySet[Title]:
    """The catalog with how many positions carry each title; empty for those who may not see it."""
    if not may_see_titles(user):
        return Title.objects.none()
    return Title.objects.annotate(positions_count=Count("positions", distinct=True)).order_by(
        "retired_on", "leadership_group", "name"
    )


def owns_catalog(user: Actor) -> bool:
    """Whether ``user`` may edit a whole tree from its root unit down: the level of the shared catalog."""
    return any(r.include_subtree and len(r.path) == PATH_STEP for r in reaches(user, Action.EDIT))


def can_manage_title(user: Actor, title: Title) -> bool:
    """Whether ``user`` may rename or retire ``title``: they may edit every unit using it, and for a
    title no unit uses, they own the catalog."""
    if not has_any(user, Action.EDIT):
        return False
    units = list(OrgUnit.objects.filter(positions__title=title).distinct().only("path"))
    if not units:
        return owns_catalog(user)
    return all(can(user, Action.EDIT, unit) for unit in units)


def manageable(user: Actor, titles: list[Title]) -> set[int]:
    """The ids among ``titles`` that ``user`` may manage, in one query (``can_manage_title`` for a page)."""
    if not has_any(user, Action.EDIT):
        return set()
    reach = reaches(user, Action.EDIT)
    refused: set[int] = set()
    in_use: set[int] = set()
    used = Position.objects.filter(title__in=titles).values_list("title_id", "unit__path").distinct()
    for title_id, path in used:
        if title_id is None:
            continue
        in_use.add(title_id)
        if not any(r.covers(path) for r in reach):
            refused.add(title_id)
    if not owns_catalog(user):
        refused |= {t.pk for t in titles} - in_use
    return {t.pk for t in titles} - refused


def get_title_for(user: Actor, pk: int) -> Title:
    """The title ``pk`` if the user may manage it; 404 otherwise."""
    title = Title.objects.filter(pk=pk).first()
    if title is None or not can_manage_title(user, title):
        raise Http404
    return title


def _check(actor: Actor | None, title: Title) -> Title:
    title = Title.objects.select_for_update().get(pk=title.pk)
    if actor is not None and not can_manage_title(actor, title):
        raise not_found()
    return title


@transaction.atomic
def title_rename(*, actor: Actor | None, title: Title, name: str) -> Title:
    title = _check(actor, title)
    name = nfc(name)
    if not name:
        raise DomainError(
            _("Tên chức danh không được để trống."), field="name", code=PositionsErrorCode.TITLE_NAME_REQUIRED
        )
    if len(name) > 255:
        raise DomainError(
            _("Tên chức danh dài quá 255 ký tự."), field="name", code=PositionsErrorCode.TITLE_NAME_TOO_LONG
        )
    if name == title.name:
        raise DomainError(_("Tên mới trùng tên cũ."), field="name", code=PositionsErrorCode.TITLE_UNCHANGED)
    if Title.objects.filter(name__iexact=name).exclude(pk=title.pk).exists():
        raise DomainError(
            _("Chức danh «%(name)s» đã có.") % {"name": name},
            field="name",
            code=PositionsErrorCode.TITLE_TAKEN,
        )
    old = title.name
    title.name = name
    title.save(update_fields=["name", "updated_at"])
    record(
        actor=actor,
        action="positions.title_rename",
        target=title,
        unit_path="",
        summary={"changes": {"name": [old, name]}},
        object_label=name,
    )
    return title


@transaction.atomic
def title_retire(*, actor: Actor | None, title: Title, retire: bool = True) -> Title:
    """Stop offering a title for new positions (``retire=False`` offers it again)."""
    title = _check(actor, title)
    if retire == (title.retired_on is not None):
        raise DomainError(
            _("Chức danh đã thôi sử dụng.") if retire else _("Chức danh đang được sử dụng."),
            code=PositionsErrorCode.TITLE_UNCHANGED,
        )
    title.retired_on = today() if retire else None
    title.save(update_fields=["retired_on", "updated_at"])
    record(
        actor=actor,
        action="positions.title_retire" if retire else "positions.title_restore",
        target=title,
        unit_path="",
        summary={"name": title.name},
        object_label=title.name,
    )
    return title


@transaction.atomic
def title_create(
    *,
    actor: Actor | None,
    name: str,
    is_leadership: bool = False,
    leadership_group: int | None = None,
    unit_kind: str = "",
    is_elected: bool = False,
) -> Title:
    if actor is not None and not has_any(actor, Action.EDIT):
        raise not_found()
    name = nfc(name)
    if not name:
        raise DomainError(
            _("Tên chức danh không được để trống."), field="name", code=PositionsErrorCode.TITLE_NAME_REQUIRED
        )
    if len(name) > 255:
        raise DomainError(
            _("Tên chức danh dài quá 255 ký tự."), field="name", code=PositionsErrorCode.TITLE_NAME_TOO_LONG
        )
    if Title.objects.filter(name__iexact=name).exists():
        raise DomainError(
            _("Chức danh «%(name)s» đã có.") % {"name": name},
            field="name",
            code=PositionsErrorCode.TITLE_TAKEN,
        )
    if leadership_group is not None:
        if leadership_group not in LeadershipGroup.values:
            raise DomainError(
                _("Nhóm chức danh lãnh đạo phải từ 1 đến 4."),
                field="leadership_group",
                code=PositionsErrorCode.INVALID_LEADERSHIP_GROUP,
            )
        if not is_leadership:
            raise DomainError(
                _("Chỉ chức danh lãnh đạo, quản lý mới thuộc nhóm 1–4."),
                field="leadership_group",
                code=PositionsErrorCode.LEADERSHIP_GROUP_NOT_ALLOWED,
            )
    if unit_kind and unit_kind not in UnitKind.values:
        raise DomainError(
            _("Cấp của chức danh không hợp lệ."),
            field="unit_kind",
            code=PositionsErrorCode.INVALID_TITLE_LEVEL,
        )
    title = Title.objects.create(
        name=name,
        is_leadership=is_leadership,
        leadership_group=leadership_group,
        unit_kind=unit_kind,
        is_elected=is_elected,
    )
    record(
        actor=actor,
        action="positions.title_create",
        target=title,
        unit_path="",
        summary={
            "name": name,
            "is_leadership": is_leadership,
            "leadership_group": leadership_group,
            "unit_kind": unit_kind,
            "is_elected": is_elected,
        },
    )
    return title
