"""What the personnel pages share: unit choosers, finding people by code or name, errors."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, reaches
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person
from tochuc.people.permissions import get_person_for
from tochuc.people.selectors import search_people

PERSON_SUGGESTIONS = 12


def top_unit(user: Actor) -> OrgUnit | None:
    """The highest unit the user may see (the first reach in tree order)."""
    found = reaches(user, Action.VIEW)
    if not found:
        return None
    first = min(found, key=lambda reach: (len(reach.path), reach.path))
    return OrgUnit.objects.filter(pk=first.unit_id).first()


def unit_from(user: Actor, code: str, action: Action = Action.VIEW) -> OrgUnit | None:
    """The unit with ``code`` in the user's reach, None when blank; 404 outside the reach."""
    code = (code or "").strip().upper()
    return get_unit_for(user, code, action) if code else None


def find_person(user: Actor, typed: str, form: forms.BaseForm, field: str) -> Person | None:
    """The person typed as a code or a name (one match); otherwise an error on ``field``."""
    typed = (typed or "").strip()
    code = typed.split(" ", 1)[0].upper() if typed else ""
    if code:
        try:
            return get_person_for(user, code)
        except Http404:
            pass
    found = search_people(user, typed, limit=PERSON_SUGGESTIONS) if typed else []
    if len(found) == 1:
        return found[0]
    if not found:
        form.add_error(field, _("Không tìm thấy người có mã hoặc họ tên này trong phạm vi của bạn."))
    else:
        names = "; ".join(f"{p.full_name} ({p.code})" for p in found[:6])
        form.add_error(
            field,
            _("Có nhiều người khớp: %(names)s. Hãy gõ mã đảng viên.") % {"names": names},
        )
    return None


@login_required
@require_GET
def person_search(request: AuthedRequest) -> HttpResponse:
    """Suggestions for a person field (an HTMX-filled datalist): code — name — unit."""
    typed = next((str(value) for value in request.GET.values() if str(value).strip()), "")
    people = search_people(request.user, typed, limit=PERSON_SUGGESTIONS) if len(typed.strip()) >= 2 else []
    return render(request, "personnel/_person_options.html", {"people": people})
