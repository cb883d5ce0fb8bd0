"""Short forms for dense tables: HTXSNV … KHTNV, and brief criteria-frame names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.translation import gettext_lazy as _

from tochuc.evaluations.models import RATING_SHORT, Frame

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()

FRAME_SHORT: dict[str, StrOrPromise] = {
    Frame.COLLECTIVE: _("Tập thể"),
    Frame.CENTRAL_CADRE: _("Diện Trung ương quản lý"),
    Frame.LEADER: _("Lãnh đạo, quản lý"),
    Frame.NON_LEADER: _("Không giữ chức vụ"),
    Frame.OUTSIDE: _("Ngoài hệ thống chính trị"),
}


@register.filter
def rating_short(value: str) -> str:
    return RATING_SHORT.get(value, value)


@register.filter
def frame_short(value: str) -> str:
    return str(FRAME_SHORT.get(value, value))
