"""Typed reading of a management command's options.

``handle(self, *args: object, **options: object)`` receives what argparse parsed; these helpers give
each option back with its type, so a command never passes an untyped value on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

Options = Mapping[str, object]


def option_str(options: Options, name: str) -> str:
    """The option as text; ``""`` when it was not given."""
    value = options.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"option {name} is not text: {value!r}")
    return value


def option_int(options: Options, name: str) -> int:
    """An option parsed with ``type=int`` that has a default or is required."""
    value = options.get(name)
    if not isinstance(value, int):
        raise TypeError(f"option {name} is not a number: {value!r}")
    return value


def option_int_or_none(options: Options, name: str) -> int | None:
    """An optional ``type=int`` option: ``None`` when it was not given."""
    return None if options.get(name) is None else option_int(options, name)


def option_bool(options: Options, name: str) -> bool:
    """A ``store_true`` flag."""
    return bool(options.get(name))


def option_path(options: Options, name: str) -> Path:
    """A file path, given as text or parsed with ``type=Path``."""
    value = options.get(name)
    if isinstance(value, Path):
        return value
    if isinstance(value, str):
        return Path(value)
    raise TypeError(f"option {name} is not a path: {value!r}")


def option_today(options: Options, name: str = "today") -> dt.date:
    """``--today YYYY-MM-DD`` of the daily jobs; the local date when it was not given."""
    raw = option_str(options, name)
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {raw!r} (cần YYYY-MM-DD).") from exc
