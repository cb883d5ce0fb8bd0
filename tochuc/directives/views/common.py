"""What the directive pages share: the day they count from."""

from __future__ import annotations
