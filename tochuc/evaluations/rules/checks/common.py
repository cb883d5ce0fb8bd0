"""What every check shares: the messages' translation and label caches and the number formats.

``reset_cache`` empties the caches that ``_`` and ``label`` fill; ``engine.run`` calls it (as
``checks.reset_cache``) before every run.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext

from tochuc.evaluations.models import Rating
from tochuc.evaluations.rules.facts import (
    EvalFact,
)

RESTRICTED_MEMBERSHIP = frozenset({"exempt", "suspended"})


# Translations and labels are cached for one run (``engine.run`` calls ``reset_cache`` first, in the
# language active then): a province cycle makes thousands of messages, and ``get_language`` per
# message would cost more than all the rules together.
_TRANSLATED: dict[str, str] = {}
_LABELS: dict[str, str] = {}


def reset_cache() -> None:
    _TRANSLATED.clear()
    _LABELS.clear()


def _(message: str) -> str:
    """``gettext``, cached for the current run."""
    text = _TRANSLATED.get(message)
    if text is None:
        text = _TRANSLATED[message] = gettext(message)
    return text


def label(rating: str) -> str:
    """The Vietnamese label of a rating, cached for the current run."""
    text = _LABELS.get(rating)
    if text is None:
        try:
            text = str(Rating(rating).label)
        except ValueError:
            text = rating
        _LABELS[rating] = text
    return text


def num(value: Decimal | float | int) -> str:
    """A number the Vietnamese way: 89,9 · 90."""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


def pct(count: int, total: int) -> str:
    if total == 0:
        return "0%"
    value = Fraction(count * 100, total)
    return num(round(float(value), 1)) + "%"


def limit_pct(share: float) -> str:
    return num(round(share * 100, 1)) + "%"


def _who(ev: EvalFact) -> str:
    return _("Tập thể") if ev.is_collective else _("Cá nhân")
