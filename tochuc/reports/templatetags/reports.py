"""Figures in report tables, written the Vietnamese way."""

from __future__ import annotations

from django import template

from tochuc.core.documents.numbers import format_number, format_percent

register = template.Library()


@register.filter
def vn_number(value: float | None) -> str:
    """``12345`` → ``12.345``."""
    return "" if value is None else format_number(value)


@register.filter
def vn_percent(value: float | None) -> str:
    """A share in percent: ``45.61`` → ``45,6%``."""
    return "" if value is None else format_percent(value)
