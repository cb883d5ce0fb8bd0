"""Writes to the unit tree. Each service is one transaction with one audit event."""

from tochuc.orgunits.services.functions import function_create, function_set_lead
from tochuc.orgunits.services.structure import (
    SplitPart,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
)

__all__ = [
    "SplitPart",
    "function_create",
    "function_set_lead",
    "unit_create",
    "unit_dissolve",
    "unit_merge",
    "unit_move",
    "unit_rename",
    "unit_split",
]
