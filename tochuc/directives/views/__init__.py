"""The directive pages (thin: forms and templates around the selectors and services)."""

from tochuc.directives.views.dashboards import dashboard, matrix, on_time
from tochuc.directives.views.intake import intake, recognition, review
from tochuc.directives.views.pages import (
    directive_detail,
    directive_list,
    progress_submit,
    task_assign,
    task_break_down,
    task_detail,
    task_rate,
)

__all__ = [
    "dashboard",
    "directive_detail",
    "directive_list",
    "intake",
    "matrix",
    "on_time",
    "progress_submit",
    "recognition",
    "review",
    "task_assign",
    "task_break_down",
    "task_detail",
    "task_rate",
]
