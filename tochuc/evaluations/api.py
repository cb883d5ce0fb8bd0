"""Evaluations over the API: thin wrappers over the scoped selectors and the services.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

from ninja import Router

router = Router(tags=["evaluations"])
