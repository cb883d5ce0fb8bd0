"""Who acts: the signed-in user, as services, selectors and views see them.

``Actor`` is the acting user. Services also accept ``None`` for the system itself (commands,
scheduled rules, data set up at installation): their parameter is ``Actor | None``. Selectors
always read on behalf of a user, so theirs is ``Actor``.

``AuthedRequest`` is the request a view behind ``login_required`` receives: its user is signed in
and ``HtmxMiddleware`` has said whether the page asked for a fragment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from tochuc.accounts.models import User

Actor: TypeAlias = "User"


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
