"""The task tables of the dashboard, the task page and a directive's matrix: what users typed is
escaped, figures are written the Vietnamese way, statuses are said in words."""

from __future__ import annotations

import pytest

from tochuc.conftest import Tree
from tochuc.directives.dashboards import TaskRow
from tochuc.directives.matrix import Cell, MatrixRow
from tochuc.directives.templatetags.task_tables import branch_table, matrix_rows, task_table
from tochuc.directives.tests.task_factory import make_task

pytestmark = pytest.mark.django_db


def test_the_task_table_escapes_what_users_typed(tree: Tree) -> None:
    task = make_task(tree.commune, tree.province, no="<b>1</b>", text="<script>alert(1)</script>" + "x" * 200)
    task.lead_unit = None
    html = task_table([TaskRow(task, "overdue", "Quá hạn <ngay>")], "list")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;1&lt;/b&gt;" in html and "Quá hạn &lt;ngay&gt;" in html
    assert "…" in html and "x" * 100 in html and "x" * 200 not in html
    assert 'data-testid="list"' in html and "Chưa giao" in html
    assert f'href="/directives/tasks/{task.pk}/"' in html
    assert f'href="/directives/{task.directive_id}/"' in html


def test_the_branch_table_writes_its_figures_the_vietnamese_way(tree: Tree) -> None:
    tree.commune.short_name = "Xã <An> Bình"
    summary = [("overdue", "Quá hạn", 1234, "#b42318"), ("on_track", "Đúng tiến độ", 5, "#2e7d32")]
    html = branch_table(summary, [(tree.commune, [1234, 5], 1239)])
    assert '<td class="num">1.234</td>' in html and '<td class="num">1.239</td>' in html
    assert "Xã &lt;An&gt; Bình" in html and f'href="?unit={tree.commune.code}"' in html


def test_the_matrix_says_each_part_in_words_and_escapes_unit_names(tree: Tree) -> None:
    tree.commune.short_name = "Xã <An> Bình"
    cells = [
        Cell(status="overdue", label="Quá hạn", percent=40, role="child", task_id=7, count=3),
        Cell(role="coop", task_id=8),
        Cell(),
    ]
    html = matrix_rows([MatrixRow(tree.commune, cells)])
    assert "Xã &lt;An&gt; Bình" in html and tree.commune.code in html
    assert '<td class="cell status-overdue"><a href="/directives/tasks/7/">Quá hạn<br>' in html
    assert "40% (cấp dưới) · 3 việc" in html
    assert '<a href="/directives/tasks/8/">PH<span class="skip"> phối hợp</span></a>' in html
    assert '<td class="cell cell-none"><span class="skip">không tham gia</span></td>' in html
