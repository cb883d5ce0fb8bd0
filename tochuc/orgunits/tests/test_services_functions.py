"""Functions of units: exactly one lead unit, cooperating units, audited changes."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tochuc.core.errors import ErrorCode
from tochuc.orgunits.models import UnitFunction
from tochuc.orgunits.services import (
    function_create,
    function_set_lead,
    unit_dissolve,
)
from tochuc.orgunits.tests.service_helpers import (
    audited,
    refused,
)

# --- functions --------------------------------------------------------------------


def test_function_has_exactly_one_lead_unit_in_the_database(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFunction.objects.create(
            title="Không ai chủ trì",
            title_folded="khong ai chu tri",
            lead_unit=None,  # type: ignore[misc]
        )


def test_function_create_refuses_lead_that_also_cooperates(tree, inside):
    with refused(match="không đồng thời là cơ quan phối hợp") as info:
        function_create(
            actor=inside,
            lead_unit=tree.commune,
            title="Tham mưu công tác cán bộ",
            cooperating_units=[tree.commune2, tree.commune],
        )
    assert info.value.field == "cooperating_units"


def test_function_create_is_audited_and_folds_title(tree, inside):
    with audited("unitfunction.create") as events:
        function = function_create(
            actor=inside,
            lead_unit=tree.commune,
            title="  Tham mưu  công tác cán bộ ",
            cooperating_units=[tree.commune2, tree.other_commune],
        )
    function.refresh_from_db()
    assert function.title == "Tham mưu công tác cán bộ"
    assert function.title_folded == "tham muu cong tac can bo"
    assert events[0].summary == {"lead": "T01-X01", "cooperating": ["T01-X02", "T02-X01"]}
    assert events[0].unit_path == tree.commune.path


def test_function_create_refuses_blank_title_and_closed_partner(tree, inside):
    with refused(match="không được để trống"):
        function_create(actor=inside, lead_unit=tree.commune, title="   ")
    unit_dissolve(actor=inside, unit=tree.commune2)
    with refused(ErrorCode.CONFLICT):
        function_create(
            actor=inside, lead_unit=tree.commune, title="Phối hợp", cooperating_units=[tree.commune2]
        )


def test_set_lead_moves_lead_and_drops_new_lead_from_cooperating(tree, inside):
    function = function_create(
        actor=inside,
        lead_unit=tree.commune,
        title="Tham mưu công tác cán bộ",
        cooperating_units=[tree.commune2, tree.grassroots],
    )
    with audited("unitfunction.set_lead") as events:
        function_set_lead(actor=inside, function=function, lead_unit=tree.commune2)
    function.refresh_from_db()
    assert function.lead_unit_id == tree.commune2.pk
    assert list(function.cooperating_units.all()) == [tree.grassroots]
    assert events[0].summary == {"before": "T01-X01", "after": "T01-X02"}
    with refused(match="đã là cơ quan chủ trì"):
        function_set_lead(actor=inside, function=function, lead_unit=tree.commune2)


def test_set_lead_needs_both_units_in_scope(tree, inside, outside):
    function = function_create(actor=inside, lead_unit=tree.commune, title="Tham mưu công tác cán bộ")
    with refused(ErrorCode.NOT_FOUND):
        function_set_lead(actor=inside, function=function, lead_unit=tree.other_commune)
    with refused(ErrorCode.NOT_FOUND):
        function_set_lead(actor=outside, function=function, lead_unit=tree.other_commune)
