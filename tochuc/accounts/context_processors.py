from __future__ import annotations

from django.http import HttpRequest

from tochuc.accounts.policy import Action, has_any, reach_units


def scope(request: HttpRequest) -> dict[str, object]:
    """The header shows whose scope this is; the navigation shows what they may open."""
    user = request.user
    if not user.is_authenticated:
        return {}
    scope_units = reach_units(user, Action.VIEW)
    may_edit = has_any(user, Action.EDIT)
    return {
        "scope_units": scope_units,
        "may_read_audit": has_any(user, Action.READ_AUDIT),
        "may_manage_grants": has_any(user, Action.MANAGE_GRANTS),
        "may_edit": may_edit,
        # The navigation asks under its own name: pages set "may_edit" for their own object.
        "nav_may_edit": may_edit,
    }
