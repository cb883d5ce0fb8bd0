"""Numbers the Vietnamese way: a dot groups thousands, a comma marks decimals."""

from __future__ import annotations


def format_number(value: float, decimals: int = 0) -> str:
    """``12345.6`` → ``12.346``; with ``decimals=1`` → ``12.345,6``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float, decimals: int = 1) -> str:
    """A share already in percent: ``45.61`` → ``45,6%``."""
    return format_number(value, decimals) + "%"


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``; 0 when there is no whole."""
    return 100.0 * part / whole if whole else 0.0
