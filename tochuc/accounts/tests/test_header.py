"""The header names the units at the top of the user's scope, read from the grants already loaded."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tochuc.accounts.models import Role
from tochuc.accounts.policy import Action, reach_units
from tochuc.accounts.services import grant_role
from tochuc.conftest import login, make_user

pytestmark = pytest.mark.django_db


def _who(client) -> str:
    html = client.get(reverse("orgunits:tree")).content.decode()
    return re.sub(r"\s+", " ", html.split('data-testid="who">', 1)[1].split("</div>", 1)[0]).strip()


def test_the_header_names_the_top_of_each_reach_in_tree_order(tree):
    user = make_user("two", Role.VIEWER, tree.other_commune)
    grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=tree.commune)
    grant_role(actor=None, user=user, role=Role.LEADER, unit=tree.cell)  # inside the commune's reach
    assert _who(login(user)) == ("<strong>Two</strong> Phạm vi: Đảng bộ xã An Bình; Đảng bộ xã Bình Minh")


def test_a_user_without_grants_is_told_so(tree):
    assert "chưa được phân quyền" in _who(login(make_user("nobody")))


def test_the_scope_units_come_with_the_grants(tree, inside, django_assert_num_queries):
    reach_units(inside, Action.VIEW)
    with django_assert_num_queries(0):
        assert [u.code for u in reach_units(inside, Action.VIEW)] == ["T01"]
        assert [u.code for u in reach_units(inside, Action.READ_AUDIT)] == []
