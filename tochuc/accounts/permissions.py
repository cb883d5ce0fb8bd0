"""The look-ups that answer 404 outside the user's scope."""

from __future__ import annotations

from django.http import Http404

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.selectors import grants_in_scope
from tochuc.core.actors import Actor


def get_grant_for(user: Actor, pk: int) -> RoleGrant:
    grant = grants_in_scope(user).filter(pk=pk).first()
    if grant is None:
        raise Http404
    return grant
