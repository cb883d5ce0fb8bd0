"""Shared by the directive services: subtree tests, text cleaning."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.orgunits.models import OrgUnit

MAX_TASKS = 500


def _within(unit: OrgUnit, root: OrgUnit) -> bool:
    return unit.path.startswith(root.path)


def _clean_text(value: str, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise DomainError(
            _("Cần nhập %(label)s.") % {"label": label}, field=field, code=DirectivesErrorCode.REQUIRED
        )
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length},
            field=field,
            code=DirectivesErrorCode.TOO_LONG,
        )
    return text


def _str_list(values: Iterable[str], *, field: str) -> list[str]:
    items = [nfc(str(v)).strip() for v in values]
    return [v for v in items if v]
