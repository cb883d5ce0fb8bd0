from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, reach_units
from tochuc.core.actors import AuthedRequest
from tochuc.evaluations.models import Stage
from tochuc.home import selectors
from tochuc.home.figures import overview_figures
from tochuc.orgunits.permissions import get_unit_for


def _ratings_url(data: selectors.Overview) -> str:
    """One cycle: its page; several (seen from above the level that ran them): the analytics of the unit."""
    if data.ratings is None:
        return ""
    if len(data.ratings.cycles) == 1:
        return reverse("evaluations:cycle", args=[data.ratings.cycle.code])
    return f"{reverse('evaluations:analytics')}?{urlencode({'unit': data.unit.code})}"


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The signed-in user's home: what waits for them and, for those who act, their scope at a glance."""
    user = request.user
    context: dict[str, object] = {
        "waiting": selectors.waiting_for(user),
        "stage": Stage,
    }
    if selectors.shows_overview(user):
        roots = reach_units(user, Action.VIEW)
        code = request.GET.get("unit", "").strip().upper()
        unit = get_unit_for(user, code) if code else (roots[0] if roots else None)
        context.update(roots=roots, no_scope=not roots)
        if unit is not None:
            data, figures = selectors.overview_drawn(user, unit, overview_figures)
            context.update(overview=data, figures=figures, ratings_url=_ratings_url(data))
    return render(request, "home/home.html", context)
