from __future__ import annotations

import uuid
from typing import Literal

from django.db.models import Exists, OuterRef
from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.people.models import ImportJob, Person, PersonPhoto


def can_edit_person(user: Actor, person: Person) -> bool:
    return can(user, Action.EDIT, person.unit)


def can_reveal_citizen_id(user: Actor, person: Person) -> bool:
    return can(user, Action.REVEAL_CITIZEN_ID, person.unit)


def get_person_for(
    user: Actor, code: str, action: Action = Action.VIEW, *, photo: Literal["", "exists", "data"] = ""
) -> Person:
    """The person with ``code`` if the user may ``action`` their unit; 404 otherwise.

    In the same query, with ``photo="exists"``: ``person.has_photo``; with ``photo="data"``: the photo
    itself (``person.photo``, missing when there is none).
    """
    qs = Person.objects.filter(scope_q(user, action, "unit__path"), code=code)
    if photo == "exists":
        qs = qs.annotate(has_photo=Exists(PersonPhoto.objects.filter(person=OuterRef("pk"))))
    related = ("unit", "membership", "photo") if photo == "data" else ("unit", "membership")
    person = qs.select_related(*related).first()
    if person is None:
        raise Http404
    return person


def get_job_for(user: Actor, job_id: uuid.UUID) -> ImportJob:
    """The import job ``job_id`` if ``user`` started it; 404 otherwise."""
    job = ImportJob.objects.filter(created_by=user, pk=job_id).first()
    if job is None:
        raise Http404
    return job
