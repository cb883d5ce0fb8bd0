"""Checks shared by the tests of the unit services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.utils import timezone

from tochuc.audit.models import AuditEvent
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitFunction, path_segment

# The day the fixture tree was founded; decisions take effect no later than today.
D = timezone.localdate()


# --- helpers ----------------------------------------------------------------


def snapshot() -> tuple[Any, ...]:
    """Everything a tree write may touch."""
    return (
        list(
            OrgUnit.objects.order_by("pk").values_list(
                "pk",
                "code",
                "name",
                "short_name",
                "name_folded",
                "kind",
                "parent_id",
                "path",
                "depth",
                "sort_order",
                "valid_from",
                "valid_to",
            )
        ),
        list(OrgUnitEvent.objects.order_by("pk").values_list("pk", "unit_id", "kind")),
        list(UnitFunction.objects.order_by("pk").values_list("pk", "title", "lead_unit_id")),
        sorted(UnitFunction.cooperating_units.through.objects.values_list("unitfunction_id", "orgunit_id")),
        list(AuditEvent.objects.order_by("seq").values_list("seq", "action")),
    )


@contextmanager
def refused(
    code: ErrorCode = ErrorCode.INVALID, match: str = ""
) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The write raises DomainError with ``code`` and leaves the database exactly as it was."""
    before = snapshot()
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.kind == code, info.value.message
    if match:
        assert match in info.value.message
    assert snapshot() == before


@contextmanager
def audited(action: str) -> Iterator[list[AuditEvent]]:
    """Exactly one audit event, with ``action``, is written inside the block."""
    head = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    written: list[AuditEvent] = []
    yield written
    written.extend(AuditEvent.objects.filter(seq__gt=head).order_by("seq"))
    assert [e.action for e in written] == [action]


def assert_tree_consistent() -> None:
    """Every unit's path is its parent's path plus its own segment; depth follows."""
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        expected = (parent.path if parent else "") + path_segment(unit.pk)
        assert unit.path == expected, unit.code
        assert unit.depth == (parent.depth + 1 if parent else 0), unit.code


def codes(units: Any) -> list[str]:
    return [u.code for u in units]


def fresh(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(pk=unit.pk)


def history(unit: OrgUnit) -> list[str]:
    return list(OrgUnitEvent.objects.filter(unit=unit).order_by("id").values_list("kind", flat=True))
