"""The subject paths of disciplines and reward proposals follow their units when a subtree moves."""

from __future__ import annotations

from typing import Any

from tochuc.orgunits.moves import repath
from tochuc.rewards.models import Discipline, RewardProposal


def follow_moved_subtree(sender: Any, *, old_prefix: str, new_prefix: str, **kwargs: Any) -> None:
    repath(Discipline, "subject_path", old_prefix, new_prefix)
    repath(RewardProposal, "subject_path", old_prefix, new_prefix)
