"""Pieces the directive pages share: units offered in choosers, status display, errors."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
