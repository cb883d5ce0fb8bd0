"""Writes of the personnel capability. Each service is one transaction with its audit event."""

from tochuc.personnel.services.meetings import step_correct, step_record
from tochuc.personnel.services.planning import (
    PlanningRefused,
    planning_cycle_open,
    planning_entry_approve,
    planning_entry_propose,
    planning_entry_remove,
    planning_review,
)
from tochuc.personnel.services.procedures import (
    next_step,
    procedure_decide,
    procedure_open,
    procedure_set_approver,
    procedure_withdraw,
)
from tochuc.personnel.services.rotations import rotation_create, rotation_end
from tochuc.personnel.services.votes import confidence_vote_record, vote_outcome

__all__ = [
    "PlanningRefused",
    "confidence_vote_record",
    "next_step",
    "planning_cycle_open",
    "planning_entry_approve",
    "planning_entry_propose",
    "planning_entry_remove",
    "planning_review",
    "procedure_decide",
    "procedure_open",
    "procedure_set_approver",
    "procedure_withdraw",
    "rotation_create",
    "rotation_end",
    "step_correct",
    "step_record",
    "vote_outcome",
]
