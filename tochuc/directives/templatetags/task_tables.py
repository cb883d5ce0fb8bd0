"""The task tables of the dashboard and the task page, built row by row in one pass.

``{% task_table rows "testid" %}`` is the list of tasks (status, directive, task, lead unit, deadline,
percent); ``{% branch_table summary branches %}`` the tasks by status per child unit, figures written
the Vietnamese way. Every value is escaped (``format_html``); a template included for each row and
each cell cost ~1 ms per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tochuc.core.documents.numbers import format_number
from tochuc.directives.dashboards import TaskRow
from tochuc.directives.matrix import Cell, MatrixRow
from tochuc.orgunits.models import OrgUnit

register = template.Library()

STATUS_ICONS = {"overdue": "!", "at_risk": "▲", "not_started": "○", "on_track": "●"}
TEXT_LENGTH = 140


@register.simple_tag
def status_badge(code: str, text: str) -> SafeString:
    """A status as ``directives/_status.html`` shows it: its icon and its label, never colour alone."""
    return format_html(
        '<span class="badge task-status status-{}"><span class="status-icon" aria-hidden="true">{}</span> {}</span>',
        code,
        STATUS_ICONS.get(code, "✓"),
        text,
    )


def _joined(parts: Iterable[SafeString]) -> SafeString:
    """Pieces built by ``format_html`` (each escaped already), one after the other."""
    return mark_safe("".join(parts))


def _url_prefix(name: str) -> str:
    """The URL of ``name`` for key 0 without its last part, so each row adds its key (one reverse)."""
    return reverse(name, args=[0])[: -len("0/")]


def _task_row(row: TaskRow, directive_url: str, task_url: str, unassigned: SafeString) -> SafeString:
    task = row.task
    lead = task.lead_unit
    return format_html(
        '<tr class="row-{}">\n    <td>{}</td>\n    <td class="mono"><a href="{}{}/">{}</a></td>\n'
        '    <td><a href="{}{}/">{}. {}</a></td>\n    <td>{}</td>\n    <td>{}</td>\n'
        '    <td class="num">{}%</td></tr>',
        row.status,
        status_badge(row.status, row.status_text),
        directive_url,
        task.directive_id,
        task.directive.number_symbol,
        task_url,
        task.pk,
        task.no,
        Truncator(task.text).chars(TEXT_LENGTH),
        (lead.short_name or lead.name) if lead is not None else unassigned,
        format_date(task.deadline, "d/m/Y") if task.deadline else "—",
        task.percent,
    )


@register.simple_tag
def task_table(rows: Iterable[TaskRow], testid: str = "") -> SafeString:
    """The table of ``rows`` (``TaskRow``), as ``directives/_task_table.html`` drew it."""
    directive_url = _url_prefix("directives:detail")
    task_url = _url_prefix("directives:task")
    unassigned = format_html('<span class="badge vacant">{}</span>', _("Chưa giao"))
    head = format_html_join(
        "",
        "<th{}>{}</th>",
        (
            ("", _("Tình trạng")),
            ("", _("Văn bản")),
            ("", _("Nhiệm vụ")),
            ("", _("Cơ quan chủ trì")),
            ("", _("Thời hạn")),
            (SafeString(' class="num"'), _("Tiến độ")),
        ),
    )
    body = _joined(_task_row(row, directive_url, task_url, unassigned) for row in rows)
    return format_html(
        '<div class="table-wrap"><table class="list tasks"{}>\n  <thead><tr>{}</tr></thead>\n'
        "  <tbody>{}</tbody>\n</table></div>",
        format_html(' data-testid="{}"', testid) if testid else "",
        head,
        body,
    )


@register.simple_tag
def branch_table(
    summary: Sequence[tuple[str, str, int, str]], branches: Iterable[tuple[OrgUnit, Sequence[int], int]]
) -> SafeString:
    """Tasks by status per child unit (a link to its dashboard) and in all, figures as 1.234."""
    head = format_html_join("", '<th class="num">{}</th>', ((label,) for _code, label, _n, _c in summary))
    # One format per row, a cell per status and the total.
    row = '<tr><th scope="row"><a href="?unit={}">{}</a></th>%s</tr>' % (
        '<td class="num">{}</td>' * (len(summary) + 1)
    )
    body = _joined(
        format_html(
            row,
            quote(unit.code, safe="/"),
            unit.short_name or unit.name,
            *(format_number(v) for v in values),
            format_number(total),
        )
        for unit, values, total in branches
    )
    return format_html(
        '<div class="table-wrap"><table class="list report-table" data-testid="branches">\n'
        '    <thead><tr><th>{}</th>{}<th class="num">{}</th></tr></thead>\n'
        "    <tbody>{}</tbody>\n  </table></div>",
        _("Đơn vị"),
        head,
        _("Tổng"),
        body,
    )


@register.simple_tag
def matrix_rows(rows: Iterable[MatrixRow]) -> SafeString:
    """The body of a directive's matrix: a row per unit, a cell per top-level task (its part: the
    status and percent it leads, or that it cooperates, or nothing), every cell said in words."""
    task_url = _url_prefix("directives:task")
    coop = format_html('{}<span class="skip"> {}</span>', _("PH"), _("phối hợp"))
    none = format_html('<td class="cell cell-none"><span class="skip">{}</span></td>', _("không tham gia"))
    below = format_html(" {}", _("(cấp dưới)"))
    labels: dict[str, SafeString] = {}

    def cell(c: Cell) -> SafeString:
        if c.role == "coop":
            return format_html(
                '<td class="cell cell-coop"><a href="{}{}/">{}</a></td>', task_url, c.task_id, coop
            )
        if not c.role:
            return none
        if c.label not in labels:
            labels[c.label] = conditional_escape(c.label)
        return format_html(
            '<td class="cell status-{}"><a href="{}{}/">{}<br><span class="small">{}%{}{}</span></a></td>',
            c.status,
            task_url,
            c.task_id,
            labels[c.label],
            c.percent,
            below if c.role == "child" else "",
            format_html(" · {}", _("%(n)s việc") % {"n": c.count}) if c.count > 1 else "",
        )

    return _joined(
        format_html(
            '<tr>\n    <th scope="row">{} <span class="mono muted">{}</span></th>\n    {}\n  </tr>',
            row.unit.short_name or row.unit.name,
            row.unit.code,
            _joined(cell(c) for c in row.cells),
        )
        for row in rows
    )
