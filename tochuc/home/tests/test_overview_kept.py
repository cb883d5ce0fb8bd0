"""The home overview is counted at most once a minute per unit and scope, and says when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tochuc.accounts.models import Role
from tochuc.conftest import login, make_user
from tochuc.home import selectors
from tochuc.reports.tests.conftest import add_person

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1980, 1, 1)
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "home-kept"}}


@pytest.fixture
def kept():
    with override_settings(CACHES=LOCMEM, TOCHUC_OVERVIEW_CACHE_SECONDS=60):
        cache.clear()
        yield
        cache.clear()


def test_without_the_setting_every_view_counts_again(tree, inside):
    first = selectors.overview_kept(inside, tree.province)
    add_person(tree.commune, birth=BIRTH)
    assert selectors.overview_kept(inside, tree.province).members.total == first.members.total + 1


def test_kept_figures_are_read_once_and_say_when(kept, tree, inside):
    add_person(tree.commune, birth=BIRTH)
    first = selectors.overview_kept(inside, tree.province)
    add_person(tree.commune, birth=BIRTH)  # counted at the next minute, not now
    with CaptureQueriesContext(connection) as queries:
        again = selectors.overview_kept(inside, tree.province)
    assert again.members.total == first.members.total == 1
    assert again.as_of == first.as_of is not None
    assert not [q for q in queries.captured_queries if "people_person" in q["sql"]]
    # Another unit, or a user reaching other subtrees, is counted on its own.
    assert selectors.overview_kept(inside, tree.commune).members.total == 2


def test_figures_are_shared_only_between_users_of_the_same_scope(kept, tree, inside):
    add_person(tree.commune, birth=BIRTH)
    assert selectors.overview_kept(inside, tree.commune).members.total == 1
    add_person(tree.commune, birth=BIRTH)
    twin = make_user("twin", Role.SPECIALIST, tree.province)
    narrow = make_user("xa", Role.SPECIALIST, tree.commune)
    assert selectors._scope_key(twin) == selectors._scope_key(inside)
    assert selectors._scope_key(narrow) != selectors._scope_key(inside)
    assert selectors.overview_kept(twin, tree.commune).members.total == 1  # the same scope's count
    assert selectors.overview_kept(narrow, tree.commune).members.total == 2  # counted for its own


def test_the_home_page_says_when_its_figures_were_counted(kept, tree, inside):
    page = login(inside).get("/").content.decode()
    assert 'data-testid="overview-as-of"' in page and "số liệu lúc" in page


def test_the_charts_are_drawn_once_for_the_kept_figures_and_per_language(kept, tree, inside):
    from django.utils import translation

    add_person(tree.commune, birth=BIRTH)
    drawn: list[int] = []

    def draw(data: selectors.Overview) -> str:
        drawn.append(data.members.total)
        return f"{translation.get_language()}:{data.members.total}"

    first = selectors.overview_drawn(inside, tree.province, draw)
    add_person(tree.commune, birth=BIRTH)  # counted (and drawn) at the next minute
    assert selectors.overview_drawn(inside, tree.province, draw) == first
    assert first[1] == "vi:1" and drawn == [1]
    assert selectors.overview_kept(inside, tree.province) == first[0]  # the same kept figures
    with translation.override("en"):
        assert selectors.overview_drawn(inside, tree.province, draw)[1] == "en:2"
    assert drawn == [1, 2]


def test_the_kept_home_page_shows_the_same_charts(kept, tree, inside):
    add_person(tree.commune, birth=BIRTH)
    client = login(inside)
    first = client.get("/").content.decode()
    again = client.get("/").content.decode()
    chart = first.split('id="h-members"')[1].split("</section>")[0]
    assert "<svg" in chart and chart == again.split('id="h-members"')[1].split("</section>")[0]


def test_without_the_setting_the_charts_are_drawn_each_time(tree, inside):
    drawn: list[int] = []
    for _ in range(2):
        selectors.overview_drawn(inside, tree.province, lambda data: drawn.append(1))
    assert len(drawn) == 2
