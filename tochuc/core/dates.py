"""Today's date where tochuc runs (the Asia/Ho_Chi_Minh calendar day)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
