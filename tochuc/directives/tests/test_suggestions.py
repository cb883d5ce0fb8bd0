"""Suggested lead units: named in the task, or leading a function the task is about; within scope."""

from __future__ import annotations

import json
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, make_user
from tochuc.directives.suggestions import suggest_for_tasks
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import function_create, unit_create

DOCUMENTS = Path(__file__).parent / "documents"
pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(tree: Tree) -> dict[str, OrgUnit]:
    made = {
        code: unit_create(actor=None, parent=tree.province, code=code, name=name, kind=UnitKind.AGENCY)
        for code, name in [
            ("T01-BTC", "Ban Tổ chức Tỉnh ủy Hà Tĩnh"),
            ("T01-VP", "Văn phòng Tỉnh ủy Hà Tĩnh"),
            ("T01-UBKT", "Ủy ban Kiểm tra Tỉnh ủy Hà Tĩnh"),
        ]
    }
    function_create(
        actor=None,
        lead_unit=made["T01-UBKT"],
        title="Kiểm tra, giám sát việc thi hành kỷ luật đảng",
        cooperating_units=[],
    )
    function_create(
        actor=None,
        lead_unit=made["T01-VP"],
        title="Tổng hợp, theo dõi việc thực hiện chế độ báo cáo",
        cooperating_units=[],
    )
    return made


def codes(texts: list[str], user: User | None = None) -> list[list[str]]:
    return [[s.unit.code for s in row] for row in suggest_for_tasks(texts, user)]


def test_a_unit_named_as_lead_comes_first_with_its_reason(offices: dict[str, OrgUnit]) -> None:
    [row] = suggest_for_tasks(
        ["Văn phòng Tỉnh ủy phối hợp; Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ."]
    )
    assert [s.unit.code for s in row][:2] == ["T01-BTC", "T01-VP"]
    assert "chủ trì" in row[0].reason and "Ban Tổ chức Tỉnh ủy Hà Tĩnh" in row[0].reason


def test_a_unit_leading_the_matching_function_is_suggested(offices: dict[str, OrgUnit]) -> None:
    [row] = suggest_for_tasks(["Tăng cường kiểm tra, giám sát việc thi hành kỷ luật đảng trong năm 2025."])
    assert row[0].unit.code == "T01-UBKT"
    assert "Kiểm tra, giám sát việc thi hành kỷ luật đảng" in row[0].reason


def test_at_most_three_and_none_for_an_unrelated_task(offices: dict[str, OrgUnit]) -> None:
    text = (
        "Ban Tổ chức Tỉnh ủy, Văn phòng Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy và Ban Tổ chức Trung ương "
        "tổng hợp, theo dõi việc thực hiện chế độ báo cáo."
    )
    assert len(codes([text])[0]) == 3
    assert codes(["Trồng cây xanh ven đường."]) == [[]]


def test_only_units_the_user_may_see(tree: Tree, offices: dict[str, OrgUnit]) -> None:
    outsider = make_user("outsider", Role.SPECIALIST, tree.other_province)
    text = "Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ."
    assert codes([text], outsider) == [[]]
    insider = make_user("insider", Role.SPECIALIST, tree.province)
    assert codes([text], insider) == [["T01-BTC"]]


def test_directive_parse_adds_suggested_units_to_each_task(offices: dict[str, OrgUnit]) -> None:
    out = StringIO()
    call_command("directive_parse", str(DOCUMENTS / "09-kh-btctu-groups.txt"), stdout=out)
    tasks = json.loads(out.getvalue())["tasks"]
    assert all(isinstance(task["suggested_units"], list) for task in tasks)
    assert all(set(s) == {"unit", "reason"} for task in tasks for s in task["suggested_units"])


def test_directive_parse_suggests_nothing_without_units() -> None:
    out = StringIO()
    call_command("directive_parse", str(DOCUMENTS / "09-kh-btctu-groups.txt"), stdout=out)
    tasks = json.loads(out.getvalue())["tasks"]
    assert tasks and all(task["suggested_units"] == [] for task in tasks)


def test_thirty_tasks_against_a_thousand_units_take_under_half_a_second(tree: Tree) -> None:
    OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"T01-X{n:04d}",
            name=f"Đảng bộ xã Số {n}",
            name_folded=f"dang bo xa so {n}",
            kind=UnitKind.COMMUNE,
            parent=tree.province,
            path=f"{tree.province.path}{n + 5000:04d}",
            depth=tree.province.depth + 1,
        )
        for n in range(1000)
    )
    texts = [f"Đảng bộ xã Số {n} chủ trì rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ mới." for n in range(30)]
    started = time.perf_counter()
    rows = suggest_for_tasks(texts)
    assert time.perf_counter() - started < 0.5
    assert rows[7][0].unit.code == "T01-X0007"


def test_one_pair_only_one_unit_holds_is_enough_but_not_a_generic_one(tree: Tree) -> None:
    function_create(
        actor=None,
        lead_unit=tree.commune2,
        title="Thẩm định đề án vị trí việc làm của các cơ quan đảng",
        cooperating_units=[],
    )
    function_create(
        actor=None, lead_unit=tree.commune, title="Tham mưu chính sách đối với cán bộ", cooperating_units=[]
    )
    rows = codes(
        [
            "Rà soát vị trí của từng chi bộ.",  # "vi tri": Đức Thọ's alone
            "Một nhiệm vụ chỉ một cơ quan đảm nhiệm.",  # "co quan": any task says it
        ]
    )
    assert rows == [["T01-X02"], []]


def test_a_lower_case_phrase_does_not_name_a_unit(tree: Tree) -> None:
    """ "nhiệm vụ tổ chức đảng, đảng viên" is not the "Vụ Tổ chức đảng, đảng viên"."""
    assert codes(["Thực hiện nhiệm vụ tổ chức đảng, đảng viên ở cơ sở."]) == [[]]
    assert codes(["Vụ Tổ chức đảng, đảng viên chủ trì hướng dẫn."]) == [["BTCTW-V1"]]
