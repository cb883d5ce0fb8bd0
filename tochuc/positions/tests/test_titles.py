"""The title catalog: who may see, add, rename and retire titles; retired titles are not offered again."""

from __future__ import annotations

import pytest
from django.forms import ModelChoiceField
from django.test import Client
from django.urls import reverse

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.core.errors import DomainError
from tochuc.positions.forms import PositionForm
from tochuc.positions.models import PositionGroup, Title
from tochuc.positions.services import position_create
from tochuc.positions.titles import can_manage_title, manageable, title_create, title_rename, title_retire

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(tree):
    title = title_create(actor=None, name="Chuyên viên tổ chức")
    position_create(
        actor=None, unit=tree.commune, name="Chuyên viên", group=PositionGroup.PROFESSIONAL, title=title
    )
    return title


def test_only_who_edits_every_unit_using_it_may_manage_a_title(tree, title, inside, outside, admin):
    assert can_manage_title(inside, title) and can_manage_title(admin, title)
    assert not can_manage_title(outside, title)
    position_create(
        actor=None, unit=tree.other_commune, name="Chuyên viên", group=PositionGroup.PROFESSIONAL, title=title
    )
    assert not can_manage_title(inside, title) and can_manage_title(admin, title)
    spare = title_create(actor=None, name="Văn thư")
    # A title no unit uses belongs to the catalog: only the level that owns it changes it.
    assert manageable(inside, [title, spare]) == set()
    assert manageable(admin, [title, spare]) == {title.pk, spare.pk}
    assert not can_manage_title(inside, spare) and can_manage_title(admin, spare)


def test_an_unused_title_is_renamed_and_retired_only_by_the_catalog_level(tree, inside, outside, admin):
    spare = title_create(actor=inside, name="Văn thư")
    for user in (inside, outside):
        assert login(user).get(reverse("positions:title_rename", args=[spare.pk])).status_code == 404
        response = login(user).post(reverse("positions:title_retire", args=[spare.pk]), {"retire": "1"})
        assert response.status_code == 404
        with pytest.raises(DomainError):
            title_rename(actor=user, title=spare, name="Văn thư đánh máy")
    response = Client().post(reverse("positions:title_retire", args=[spare.pk]), {"retire": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    spare.refresh_from_db()
    assert spare.retired_on is None and spare.name == "Văn thư"
    assert (
        login(admin)
        .post(reverse("positions:title_rename", args=[spare.pk]), {"name": "Văn thư lưu trữ"})
        .status_code
        == 302
    )
    spare.refresh_from_db()
    assert spare.name == "Văn thư lưu trữ"


def test_rename_is_checked_and_audited(tree, title, inside, outside):
    title_create(actor=None, name="Văn thư")
    with pytest.raises(DomainError) as err:
        title_rename(actor=inside, title=title, name=" văn thư ")
    assert err.value.field == "name"
    with pytest.raises(DomainError):
        title_rename(actor=inside, title=title, name="Chuyên viên tổ chức")
    with pytest.raises(DomainError):
        title_rename(actor=outside, title=title, name="Chuyên viên Ban Tổ chức")
    title_rename(actor=inside, title=title, name="Chuyên viên Ban Tổ chức")
    event = AuditEvent.objects.latest("seq")
    assert event.action == "positions.title_rename"
    assert event.summary == {"changes": {"name": ["Chuyên viên tổ chức", "Chuyên viên Ban Tổ chức"]}}


def _offered() -> list[Title]:
    field = PositionForm().fields["title"]
    assert isinstance(field, ModelChoiceField) and field.queryset is not None
    return list(field.queryset)


def test_a_retired_title_is_no_longer_offered_but_can_come_back(title, inside):
    title_retire(actor=inside, title=title)
    assert title not in _offered()
    with pytest.raises(DomainError):
        title_retire(actor=inside, title=title)
    title_retire(actor=inside, title=title, retire=False)
    assert title in _offered()


def test_page_lists_adds_and_renames_for_inside(title, inside):
    client = login(inside)
    page = client.get(reverse("positions:titles")).content.decode()
    assert "Chuyên viên tổ chức" in page and reverse("positions:title_rename", args=[title.pk]) in page
    response = client.post(
        reverse("positions:titles"),
        {"name": "Phó Chánh Văn phòng", "is_leadership": "on", "leadership_group": "4"},
    )
    assert (
        response.status_code == 302
        and Title.objects.filter(name="Phó Chánh Văn phòng", leadership_group=4).exists()
    )
    response = client.post(reverse("positions:title_rename", args=[title.pk]), {"name": "Chuyên viên chính"})
    assert response.status_code == 302
    title.refresh_from_db()
    assert title.name == "Chuyên viên chính"
    assert client.post(reverse("positions:title_retire", args=[title.pk]), {"retire": "1"}).status_code == 302
    title.refresh_from_db()
    assert title.retired_on is not None


def test_outside_sees_the_catalog_but_may_not_change_a_title_used_elsewhere(title, outside):
    client = login(outside)
    page = client.get(reverse("positions:titles")).content.decode()
    assert "Đơn vị khác đang dùng" in page
    assert client.get(reverse("positions:title_rename", args=[title.pk])).status_code == 404
    assert client.post(reverse("positions:title_retire", args=[title.pk]), {"retire": "1"}).status_code == 404
    title.refresh_from_db()
    assert title.retired_on is None


def test_roles_that_do_not_enter_data_and_anonymous_are_kept_out(client: Client, title, leader, auditor):
    for user in (leader, auditor):
        assert login(user).get(reverse("positions:titles")).status_code == 404
    response = client.get(reverse("positions:titles"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("positions:title_retire", args=[title.pk])).status_code == 302
    title.refresh_from_db()
    assert title.retired_on is None
