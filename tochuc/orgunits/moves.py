"""When a subtree moves, every copy of a unit path kept elsewhere moves with it.

Apps that keep a unit's path on their own rows (so that a subtree is one indexed prefix
filter) connect to ``subtree_moved`` and call ``repath`` on those columns; the sender is
``unit_move``'s reparenting, inside its transaction.
"""

from __future__ import annotations

from django.db.models import Model, Value
from django.db.models.functions import Concat, Substr
from django.dispatch import Signal

# Sent with ``old_prefix`` and ``new_prefix`` once the units' own paths have changed.
subtree_moved = Signal()


def repath(model: type[Model], field: str, old_prefix: str, new_prefix: str) -> int:
    """Rewrite ``field`` of every row of ``model`` under ``old_prefix`` to lie under ``new_prefix``."""
    return model._default_manager.filter(**{f"{field}__startswith": old_prefix}).update(
        **{field: Concat(Value(new_prefix), Substr(field, len(old_prefix) + 1))}
    )
