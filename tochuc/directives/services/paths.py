"""The unit paths a task keeps (lead and assigning unit) follow their units when a subtree moves."""

from __future__ import annotations

from typing import Any

from tochuc.directives import counts
from tochuc.directives.models import Task
from tochuc.orgunits.moves import repath


def follow_moved_subtree(sender: Any, *, old_prefix: str, new_prefix: str, **kwargs: Any) -> None:
    repath(Task, "lead_path", old_prefix, new_prefix)
    repath(Task, "assigned_path", old_prefix, new_prefix)
    # The status counts are kept by path: pages count live until the worker counts again.
    counts.forget()
