import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client, RequestFactory

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.audit.chain import verify_chain
from tochuc.audit.models import AuditEvent
from tochuc.core.text import fold
from tochuc.demo import units
from tochuc.demo.province import PROVINCE, ProvinceSize, plan_province
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitFunction, UnitKind, path_segment
from tochuc.orgunits.selectors import function_overlaps, search_units

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    """The unit tree alone; people and positions have their own tests."""
    out = StringIO()
    call_command("seed_demo", *args, "--no-people", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "units": OrgUnit.objects.count(),
        "events": OrgUnitEvent.objects.count(),
        "functions": UnitFunction.objects.count(),
        "cooperations": UnitFunction.cooperating_units.through.objects.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def assert_paths_consistent() -> None:
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == (parent.path if parent else "") + path_segment(unit.pk), unit.code
        assert unit.depth == (parent.depth + 1 if parent else 0), unit.code
        assert unit.name_folded == fold(unit.name), unit.code


KINDS_BY_DEPTH = {
    0: {UnitKind.CENTRAL},
    1: {UnitKind.AGENCY, UnitKind.PROVINCIAL},
    2: {UnitKind.DEPARTMENT, UnitKind.COMMUNE},
    3: {UnitKind.CELL, UnitKind.GRASSROOTS},
    4: {UnitKind.CELL},
}


def test_small_tree_has_the_expected_shape():
    output = seed()

    assert "demo.tinh" in output and units.DEMO_PASSWORD in output
    assert OrgUnit.objects.get(code="TW").kind == UnitKind.CENTRAL
    commission = OrgUnit.objects.get(code="BTCTW")
    assert (commission.kind, commission.parent.code) == (UnitKind.AGENCY, "TW")
    departments = OrgUnit.objects.filter(parent=commission)
    assert 3 <= departments.count() <= 4
    assert set(departments.values_list("kind", flat=True)) == {UnitKind.DEPARTMENT}
    provinces = OrgUnit.objects.filter(parent__code="TW", kind=UnitKind.PROVINCIAL)
    assert sorted(provinces.values_list("code", flat=True)) == ["T01", "T02"]
    for unit in OrgUnit.objects.all():
        assert unit.kind in KINDS_BY_DEPTH[unit.depth], unit.code
    for commune in OrgUnit.objects.filter(kind=UnitKind.COMMUNE):
        assert commune.parent.kind == UnitKind.PROVINCIAL
        assert 2 <= commune.children.filter(kind=UnitKind.GRASSROOTS).count() <= 3, commune.code
        assert commune.children.filter(kind=UnitKind.CELL).exists(), commune.code
    assert OrgUnit.objects.filter(kind=UnitKind.CELL, parent__kind=UnitKind.GRASSROOTS).exists()

    an_binh = OrgUnit.objects.get(name="Đảng bộ xã An Bình")
    assert (an_binh.kind, an_binh.parent.code) == (UnitKind.COMMUNE, "T01")
    tinh = User.objects.get(username="demo.tinh")
    assert search_units(tinh, "dang bo xa an binh")[0] == an_binh
    assert_paths_consistent()


def test_demo_accounts_log_in_with_their_grants():
    seed()

    expected = {
        "demo.tw": (Role.ADMIN, "TW"),
        "demo.tinh": (Role.SPECIALIST, "T01"),
        "demo.xa": (Role.LEADER, "T01-X01"),
        "demo.kiemtra": (Role.AUDITOR, "TW"),
    }
    for username, (role, code) in expected.items():
        user = User.objects.get(username=username)
        assert user.full_name
        grants = [(g.role, g.unit.code, g.include_subtree) for g in user.grants.select_related("unit")]
        assert grants == [(role, code, True)]
        # django-axes wants the request the credentials came with.
        request = RequestFactory().post("/accounts/login/")
        assert Client().login(request=request, username=username, password=units.DEMO_PASSWORD), username
        assert not Client().login(request=request, username=username, password="wrong-password")
    assert OrgUnit.objects.get(code="T01-X01").name == "Đảng bộ xã An Bình"
    assert AuditEvent.objects.filter(action="user.create").count() == 4


def test_history_and_overlaps_are_there_to_show():
    seed()

    renamed = OrgUnit.objects.get(code="T01-X01-CS2")
    rename = renamed.events.get(kind=UnitEventKind.RENAMED)
    assert rename.details["before"]["name"] == "Đảng bộ Trường Tiểu học An Bình"
    assert renamed.name == rename.details["after"]["name"]
    moved = OrgUnit.objects.get(code="T01-X02-CS3")
    assert moved.parent.code == "T01-X02"
    assert moved.events.get(kind=UnitEventKind.MOVED).details == {"from": "T01-X01", "to": "T01-X02"}
    # The move carried the unit's cells along.
    assert all(c.path.startswith(moved.path) for c in moved.children.all())
    assert moved.children.count() == 2

    admin = User.objects.get(username="demo.tw")
    pairs = {
        (p.first.lead_unit.code, p.second.lead_unit.code, p.first.title, p.second.title)
        for p in function_overlaps(admin)
    }
    exact = "Tham mưu công tác tổ chức, cán bộ"
    assert ("BTCTW-V2", "T01", exact, exact) in pairs
    assert any("cán hộ" in (a + b) for *_, a, b in pairs)
    assert all(
        f.lead_unit_id not in {u.pk for u in f.cooperating_units.all()} for f in UnitFunction.objects.all()
    )


def test_second_run_changes_nothing():
    seed()
    before = counts()
    names = dict(OrgUnit.objects.values_list("code", "name"))

    output = seed()

    assert counts() == before
    assert dict(OrgUnit.objects.values_list("code", "name")) == names
    assert "tạo mới 0 đơn vị" in output
    result = verify_chain()
    assert result.ok and result.checked == before["audit"]
    assert_paths_consistent()


def test_province_scale_in_bulk_with_one_audit_event():
    seed()
    audit_before = AuditEvent.objects.count()

    output = seed("--scale", "province", "--communes", "3", "--seed", "7")

    province = OrgUnit.objects.get(code=PROVINCE.code)
    below = OrgUnit.objects.filter(path__startswith=province.path).exclude(pk=province.pk)
    assert below.filter(kind=UnitKind.COMMUNE, depth=2).count() == 3
    assert below.filter(kind=UnitKind.GRASSROOTS, parent__kind=UnitKind.COMMUNE).count() == 30
    assert below.filter(kind=UnitKind.CELL, parent__kind=UnitKind.GRASSROOTS).count() == 120
    assert below.filter(kind=UnitKind.CELL, parent__kind=UnitKind.COMMUNE).count() == 30
    assert below.count() == 183
    assert "183 đơn vị" in output
    # Each unit has its "created" history line; the batch has one audit event.
    assert OrgUnitEvent.objects.filter(unit__in=below, kind=UnitEventKind.CREATED).count() == 183
    bulk = AuditEvent.objects.get(action="orgunit.bulk_seed")
    assert bulk.object_id == str(province.pk) and bulk.unit_path == province.path
    assert bulk.summary == {"units": 183, "commune": 3, "grassroots": 30, "cell": 150}
    # The province itself is created by the service: two events in all.
    assert AuditEvent.objects.count() == audit_before + 2
    assert verify_chain().ok
    assert_paths_consistent()

    # The same seed gives the same names.
    planned = {
        p.code: p.name for level in plan_province(ProvinceSize(communes=3), random.Random(7)) for p in level
    }
    assert dict(below.values_list("code", "name")) == planned
    other = plan_province(ProvinceSize(communes=3), random.Random(8))
    assert [p.name for p in other[0]] != [planned[p.code] for p in other[0]]

    before = counts()
    again = seed("--scale", "province", "--communes", "3", "--seed", "7")
    assert counts() == before
    assert "không tạo thêm" in again


def test_province_rerun_fills_in_only_what_is_missing():
    seed("--scale", "province", "--communes", "2")
    before = counts()

    seed("--scale", "province", "--communes", "3")

    after = counts()
    assert after["units"] - before["units"] == 61  # one more commune: itself, 10 grassroots, 50 cells
    assert after["events"] - before["events"] == 61
    assert after["audit"] - before["audit"] == 1
    assert OrgUnit.objects.filter(code="T03-X003-CS10-CB4").exists()
    assert_paths_consistent()


def test_full_province_size():
    seed("--scale", "province")

    province = OrgUnit.objects.get(code=PROVINCE.code)
    below = OrgUnit.objects.filter(path__startswith=province.path).exclude(pk=province.pk)
    by_kind = dict(below.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    assert by_kind == {UnitKind.COMMUNE: 100, UnitKind.GRASSROOTS: 1000, UnitKind.CELL: 5000}
    assert below.filter(path__startswith="seed:").count() == 0
    assert OrgUnit.objects.filter(code__startswith="T03-", name="Đảng bộ xã An Bình").count() == 0
