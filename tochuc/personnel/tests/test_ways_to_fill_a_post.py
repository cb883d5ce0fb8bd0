"""An elected post is filled by election or designation, never by appointment; a title stays at its level."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tochuc.core.errors import DomainError
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.forms import EntryProposeForm
from tochuc.personnel.models import ProcedureKind
from tochuc.personnel.services import planning_cycle_open, planning_entry_propose, procedure_open
from tochuc.positions.models import LeadershipGroup, Title

REASON = "Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch."


@pytest.fixture
def commune_secretary(db: None) -> Title:
    return Title.objects.create(
        name="Bí thư Đảng ủy xã (bầu)",
        is_leadership=True,
        leadership_group=LeadershipGroup.FOUR,
        is_elected=True,
        unit_kind="commune",
    )


@pytest.fixture
def provincial_head(db: None) -> Title:
    return Title.objects.create(
        name="Trưởng Ban Tổ chức Tỉnh ủy (thử)",
        is_leadership=True,
        leadership_group=LeadershipGroup.THREE,
        unit_kind="provincial",
    )


def _open(inside: Any, tree: Any, title: Title, person: Any, kind: str) -> Any:
    return procedure_open(
        actor=inside,
        kind=kind,
        unit=tree.commune,
        title=title,
        candidate=person,
        file_received_on=dt.date(2026, 3, 2),
        justification=REASON,
    )


@pytest.mark.parametrize("kind", [ProcedureKind.APPOINTMENT, ProcedureKind.REAPPOINTMENT])
def test_an_elected_post_is_not_appointed(
    inside: Any, tree: Any, make_person: Any, commune_secretary: Title, kind: str
) -> None:
    with pytest.raises(DomainError) as refused:
        _open(inside, tree, commune_secretary, make_person(), kind)
    assert refused.value.code == PersonnelErrorCode.ELECTED_POST and refused.value.field == "kind"
    assert "giới thiệu ứng cử hoặc chỉ định" in refused.value.message


@pytest.mark.parametrize("kind", [ProcedureKind.NOMINATION, ProcedureKind.DESIGNATION])
def test_an_elected_post_goes_through_nomination_or_designation(
    inside: Any, tree: Any, make_person: Any, commune_secretary: Title, kind: str
) -> None:
    procedure = _open(inside, tree, commune_secretary, make_person(), kind)
    assert procedure.kind == kind


def test_designation_is_refused_for_an_appointed_post(
    inside: Any, tree: Any, make_person: Any, vice_title: Title
) -> None:
    with pytest.raises(DomainError) as refused:
        _open(inside, tree, vice_title, make_person(), ProcedureKind.DESIGNATION)
    assert refused.value.code == PersonnelErrorCode.APPOINTED_POST


def test_a_provincial_title_is_neither_filled_nor_planned_in_a_commune(
    inside: Any, tree: Any, make_person: Any, provincial_head: Title, commune_secretary: Title
) -> None:
    with pytest.raises(DomainError) as refused:
        _open(inside, tree, provincial_head, make_person(), ProcedureKind.APPOINTMENT)
    assert refused.value.code == PersonnelErrorCode.TITLE_OF_ANOTHER_LEVEL and refused.value.field == "title"
    cycle = planning_cycle_open(
        actor=inside, code="QH-X", name="Quy hoạch xã", unit=tree.commune, term="2030-2035"
    )
    with pytest.raises(DomainError):
        planning_entry_propose(
            actor=inside, cycle=cycle, person=make_person("Lê Thị B"), title=provincial_head
        )
    offered = set(EntryProposeForm(unit_kind=tree.commune.kind).fields["title"].queryset)  # type: ignore[attr-defined]
    assert commune_secretary in offered and provincial_head not in offered
