"""Form pieces shared by every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from tochuc.core.errors import DomainError

T = TypeVar("T")

DATE_FORMAT = "%d/%m/%Y"


def date_field(label: StrOrPromise, *, required: bool = False, **kwargs: Any) -> forms.DateField:
    """A date typed dd/mm/yyyy; the page adds a calendar button beside it (app.js)."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "class": "date"}),
        error_messages={"invalid": _("Ngày phải có dạng dd/mm/yyyy và có thật, ví dụ 31/01/2025.")},
        **kwargs,
    )


def show_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put a service's ``DomainError`` on the field it names, else on the form as a whole."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def run_form(form: forms.BaseForm, action: Callable[[dict[str, Any]], T]) -> T | None:
    """``action(form.cleaned_data)`` when the form is valid; its ``DomainError`` goes on the form.

    ``None`` means the page shows the form again with its errors; anything else is the action's result
    (the view then redirects).
    """
    from tochuc.core.errors import DomainError

    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except DomainError as exc:
        show_domain_error(form, exc)
        return None
