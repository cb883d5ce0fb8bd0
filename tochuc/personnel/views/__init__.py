"""The personnel pages (thin: forms and templates around the selectors and services)."""

from tochuc.personnel.views.common import person_search
from tochuc.personnel.views.others import (
    home,
    rotation_end,
    rotation_list,
    rotation_new,
    transparency,
    vote_list,
)
from tochuc.personnel.views.planning import (
    entry_approve,
    entry_propose,
    entry_remove,
    planning_detail,
    planning_list,
    planning_review,
)
from tochuc.personnel.views.procedures import (
    decide,
    procedure_detail,
    procedure_list,
    procedure_new,
    set_approver,
    step_correct,
    step_record,
    withdraw,
)

__all__ = [
    "decide",
    "entry_approve",
    "entry_propose",
    "entry_remove",
    "home",
    "person_search",
    "planning_detail",
    "planning_list",
    "planning_review",
    "procedure_detail",
    "procedure_list",
    "procedure_new",
    "rotation_end",
    "rotation_list",
    "rotation_new",
    "set_approver",
    "step_correct",
    "step_record",
    "transparency",
    "vote_list",
    "withdraw",
]
