"""Persons over the API: thin wrappers over the scoped selectors and services.

The citizen ID number has no field in the ordinary shapes, so it cannot leak
through them; only ``PersonRevealedOut`` carries it, and only the reveal
endpoint (a POST: reading never writes) builds one, after ``citizen_id_reveal``
has checked the permission, the reason, and written the audit event.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action, can
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.orgunits.api import UnitRef
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people import selectors
from tochuc.people.models import (
    Gender,
    Membership,
    MembershipStatus,
    Person,
    Relative,
    TheoryLevel,
)
from tochuc.people.permissions import can_reveal_citizen_id
from tochuc.people.services import citizen_id_reveal

router = Router(tags=["persons"])

MAX_PAGE_SIZE = 500
AgeBand = Literal["lt30", "30-39", "40-49", "50-59", "60+"]


class PersonPagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of matching persons in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def paginate_queryset(
        self,
        queryset: QuerySet[Person],
        pagination: LimitOffsetPagination.Input,
        request: HttpRequest,
        **params: object,
    ) -> dict[str, object]:
        return {
            "items": selectors.page_by_ids(queryset, offset=pagination.offset, limit=pagination.limit),
            "count": queryset.count(),
        }


class PersonFields(Schema):
    """One person in a list: enough to recognise them. No citizen ID field, only its masked form."""

    code: str
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    birth_date: dt.date
    gender: str
    gender_label: str
    ethnicity: str
    political_theory_level: str
    political_theory_level_label: str
    professional_qualification: str
    current_post: str
    unit: UnitRef
    membership_status: str | None = Field(None, description="null nếu không có hồ sơ đảng viên.")
    membership_status_label: str | None = None
    citizen_id_masked: str = Field(description="Số CCCD che, chỉ còn 4 chữ số cuối.")


class PersonOut(PersonFields):
    @staticmethod
    def resolve_gender_label(obj: Person) -> str:
        return str(obj.get_gender_display())

    @staticmethod
    def resolve_political_theory_level_label(obj: Person) -> str:
        return str(obj.get_political_theory_level_display())

    @staticmethod
    def resolve_membership_status(obj: Person) -> str | None:
        membership = _membership(obj)
        return membership.status if membership else None

    @staticmethod
    def resolve_membership_status_label(obj: Person) -> str | None:
        membership = _membership(obj)
        return str(membership.get_status_display()) if membership else None


def _membership(person: Person) -> Membership | None:
    # Fetched with select_related: a person without membership has it cached as missing.
    found: Membership | None = getattr(person, "membership", None)
    return found


class MembershipOut(Schema):
    status: str
    status_label: str
    admitted_on: dt.date | None
    full_member_on: dt.date | None
    card_number: str


class CareerOut(Schema):
    start: dt.date
    end: dt.date | None
    description: str


class TrainingOut(Schema):
    start: dt.date
    end: dt.date | None
    institution: str
    field: str
    form: str
    qualification: str


class RewardOut(Schema):
    decided_on: dt.date
    title: str
    decided_by: str


class DisciplineOut(Schema):
    decided_on: dt.date
    form: str
    reason: str
    decided_by: str


class RelativeOut(Schema):
    relation: str
    full_name: str
    birth_year: int | None
    occupation: str
    linked_person_code: str | None = Field(
        None, description="Mã của người thân nếu người đó có hồ sơ trong phạm vi; null nếu không."
    )


class PersonDetailOut(PersonFields):
    """The 2C curriculum vitae. Still no citizen ID field."""

    other_names: str
    religion: str
    place_of_birth: str
    hometown: str
    residence: str
    general_education: str
    foreign_language: str
    it_level: str
    workplace: str
    recruited_on: dt.date | None
    membership: MembershipOut | None
    career: list[CareerOut]
    trainings: list[TrainingOut]
    rewards: list[RewardOut]
    disciplines: list[DisciplineOut]
    relatives: list[RelativeOut]
    can_reveal_citizen_id: bool = Field(
        description="Người gọi có được xem số CCCD đầy đủ (POST /persons/{code}/reveal) hay không."
    )


class PersonRevealedOut(PersonDetailOut):
    """The 2C curriculum vitae with the full citizen ID, after an audited reveal."""

    citizen_id: str = Field(description="Số CCCD đầy đủ; mỗi lần xem được ghi nhật ký.")


_DETAIL_FIELDS = [
    "other_names",
    "religion",
    "place_of_birth",
    "hometown",
    "residence",
    "general_education",
    "foreign_language",
    "it_level",
    "workplace",
    "recruited_on",
]


def _detail(user: Actor, person: Person) -> dict[str, object]:
    """The curriculum vitae as plain values: the citizen ID is never among them."""
    membership = _membership(person)
    return {
        **PersonOut.model_validate(person).model_dump(),
        **{name: getattr(person, name) for name in _DETAIL_FIELDS},
        "membership": None
        if membership is None
        else {
            "status": membership.status,
            "status_label": str(membership.get_status_display()),
            "admitted_on": membership.admitted_on,
            "full_member_on": membership.full_member_on,
            "card_number": membership.card_number,
        },
        "career": person.career.all(),
        "trainings": person.trainings.all(),
        "rewards": person.rewards.all(),
        "disciplines": person.disciplines.all(),
        "relatives": [_relative(user, relative) for relative in person.relatives.all()],
        "can_reveal_citizen_id": can_reveal_citizen_id(user, person),
    }


def _relative(user: Actor, relative: Relative) -> dict[str, object]:
    linked = relative.linked_person
    visible = linked is not None and can(user, Action.VIEW, linked.unit)
    return {
        "relation": relative.relation,
        "full_name": relative.full_name,
        "birth_year": relative.birth_year,
        "occupation": relative.occupation,
        "linked_person_code": linked.code if linked is not None and visible else None,
    }


class PersonListIn(Schema):
    q: str = Field("", max_length=200, description="Một phần họ tên (không cần dấu) và/hoặc năm sinh.")
    unit: str = Field("", max_length=40, description="Mã đơn vị: chỉ người thuộc đơn vị này và cấp dưới.")
    gender: Gender | None = None
    ethnicity: str = Field("", max_length=50)
    age_band: AgeBand | None = None
    political_theory_level: TheoryLevel | None = None
    membership_status: MembershipStatus | None = None


class PersonSearchIn(Schema):
    q: str = Field(
        ..., min_length=1, max_length=200, description="Một phần họ tên (không cần dấu), năm sinh."
    )
    limit: int = Field(20, ge=1, le=100)


class RevealIn(Schema):
    reason: str = Field(
        ...,
        max_length=500,
        description="Lý do xem số CCCD đầy đủ; mỗi lần xem được ghi nhật ký.",
    )


@router.get(
    "/",
    response={200: list[PersonOut], 401: ErrorOut, 404: ErrorOut},
    summary="Cán bộ, đảng viên trong phạm vi, lọc và xếp theo tên (thứ tự tiếng Việt)",
)
@paginate(PersonPagination)
def person_list(request: AuthedRequest, filters: Query[PersonListIn]) -> QuerySet[Person]:
    people_filter = selectors.PeopleFilter(
        q=filters.q,
        unit=get_unit_for(request.user, filters.unit) if filters.unit else None,
        gender=filters.gender or "",
        ethnicity=filters.ethnicity,
        age_band=filters.age_band or "",
        political_theory_level=filters.political_theory_level or "",
        membership_status=filters.membership_status or "",
    )
    return selectors.filter_people(request.user, people_filter)


@router.get(
    "/search",
    response={200: list[PersonOut], 401: ErrorOut},
    summary="Tìm người theo tên không cần dấu, năm sinh",
)
def person_search(request: AuthedRequest, params: Query[PersonSearchIn]) -> list[Person]:
    return selectors.search_people_page(request.user, params.q, limit=params.limit)


@router.get(
    "/{code}",
    response={200: PersonDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Lý lịch (mẫu 2C) của một người; số CCCD luôn che",
)
def person_detail(request: AuthedRequest, code: str) -> dict[str, object]:
    """Reading never writes: the full citizen ID is only given by the POST below."""
    return _detail(request.user, _person_or_404(request, code))


@router.post(
    "/{code}/reveal",
    response={200: PersonRevealedOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Xem số CCCD đầy đủ của một người, với lý do (ghi nhật ký)",
)
def person_reveal(request: AuthedRequest, code: str, payload: RevealIn) -> dict[str, object]:
    person = _person_or_404(request, code)
    detail = _detail(request.user, person)
    if not detail["can_reveal_citizen_id"]:
        raise Http404
    detail["citizen_id"] = citizen_id_reveal(actor=request.user, person=person, reason=payload.reason)
    return detail


def _person_or_404(request: AuthedRequest, code: str) -> Person:
    person = selectors.profiles(request.user).filter(code=code).first()
    if person is None:
        raise Http404
    return person
