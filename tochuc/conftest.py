"""The named cast every test uses.

A small tree (Centre → two provinces → communes → grassroots → cells, plus the
Central Organization Commission and a department) and the people who look at it:

- ``inside``: specialist of the first province's subtree (like ``demo.tinh``);
- ``outside``: specialist of the second province's subtree;
- ``leader``: leader of one commune of the first province;
- ``auditor``: auditor of the whole tree;
- ``admin``: admin of the whole tree;
- anonymous: the plain ``client`` fixture, not logged in.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import unit_create, unit_move

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django import DjangoDbBlocker
    from pytest_django.live_server_helper import LiveServer

PASSWORD = "tochuc-test-pass"


@dataclass
class Tree:
    centre: OrgUnit
    commission: OrgUnit
    department: OrgUnit
    province: OrgUnit
    commune: OrgUnit
    grassroots: OrgUnit
    cell: OrgUnit
    commune2: OrgUnit
    other_province: OrgUnit
    other_commune: OrgUnit
    other_cell: OrgUnit

    def units(self) -> list[OrgUnit]:
        """Every unit of the tree, in the order of the fields above."""
        return [getattr(self, f.name) for f in fields(self)]

    def move_a_branch(self, pick: int) -> None:
        """Move one of a few branches (within a province, or to the other one), chosen by ``pick``; a move
        the tree refuses is skipped. Property tests use it to check what follows a unit's subtree."""
        moves = [
            (self.commune2, self.other_province),
            (self.commune2, self.province),
            (self.grassroots, self.commune2),
            (self.grassroots, self.commune),
            (self.other_cell, self.commune),
            (self.other_cell, self.other_commune),
        ]
        moved, parent = moves[pick % len(moves)]
        moved.refresh_from_db()
        parent.refresh_from_db()
        with contextlib.suppress(DomainError):
            unit_move(actor=None, unit=moved, new_parent=parent)


def _unit(parent: OrgUnit | None, code: str, name: str, kind: str) -> OrgUnit:
    return unit_create(actor=None, parent=parent, code=code, name=name, kind=kind)


@pytest.fixture
def tree(db: None) -> Tree:
    centre = _unit(None, "TW", "Ban Chấp hành Trung ương", UnitKind.CENTRAL)
    commission = _unit(centre, "BTCTW", "Ban Tổ chức Trung ương", UnitKind.AGENCY)
    department = _unit(commission, "BTCTW-V1", "Vụ Tổ chức đảng, đảng viên", UnitKind.DEPARTMENT)
    province = _unit(centre, "T01", "Đảng bộ tỉnh Hà Tĩnh", UnitKind.PROVINCIAL)
    commune = _unit(province, "T01-X01", "Đảng bộ xã An Bình", UnitKind.COMMUNE)
    grassroots = _unit(
        commune, "T01-X01-CS1", "Đảng bộ Trường Trung học phổ thông An Bình", UnitKind.GRASSROOTS
    )
    cell = _unit(grassroots, "T01-X01-CS1-CB1", "Chi bộ Tổ Toán – Tin", UnitKind.CELL)
    commune2 = _unit(province, "T01-X02", "Đảng bộ xã Đức Thọ", UnitKind.COMMUNE)
    other_province = _unit(centre, "T02", "Đảng bộ tỉnh Quảng Trị", UnitKind.PROVINCIAL)
    other_commune = _unit(other_province, "T02-X01", "Đảng bộ xã Bình Minh", UnitKind.COMMUNE)
    other_cell = _unit(other_commune, "T02-X01-CB1", "Chi bộ thôn Đông", UnitKind.CELL)
    return Tree(
        centre,
        commission,
        department,
        province,
        commune,
        grassroots,
        cell,
        commune2,
        other_province,
        other_commune,
        other_cell,
    )


def make_user(username: str, role: str | None = None, unit: OrgUnit | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    if role and unit:
        grant_role(actor=None, user=user, role=role, unit=unit)
    return user


@pytest.fixture
def inside(tree: Tree) -> User:
    return make_user("inside", Role.SPECIALIST, tree.province)


@pytest.fixture
def outside(tree: Tree) -> User:
    return make_user("outside", Role.SPECIALIST, tree.other_province)


@pytest.fixture
def leader(tree: Tree) -> User:
    return make_user("leader", Role.LEADER, tree.commune)


@pytest.fixture
def auditor(tree: Tree) -> User:
    return make_user("auditor", Role.AUDITOR, tree.centre)


@pytest.fixture
def admin(tree: Tree) -> User:
    return make_user("admin", Role.ADMIN, tree.centre)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    """Browser tests empty the tables after each test (TRUNCATE on PostgreSQL, DELETE on SQLite);
    allow that in the test database.

    UPDATE stays refused on both, DELETE on PostgreSQL; the refusals dropped here are
    tested by re-creating their triggers inside a rolled-back transaction.
    """
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)."
        )
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    context.close()
