"""Reads to the streaming read replica, writes to the primary (when ``DATABASE_REPLICA_URL`` is set).

A replica lags the primary by a moment, so a read that follows a write in the same request or
background task must not go there: the first write (every write asks ``db_for_write``) pins the
rest of the request or task to the primary. ``PrimaryPinMiddleware`` starts each request
unpinned, and each background task starts unpinned too. Code inside a transaction always reads
from the primary, and so do the tables whose staleness would be a security or correctness
problem (sessions, users and grants, login throttling, second factors, the task queue).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
STICKY_COOKIE = "tochuc_primary"
# Longer than the replica's usual lag, short enough that reading pages soon uses the replica again.
STICKY_SECONDS = 10

# Read from the primary always: a stale row here would let a revoked grant, a closed session
# or a used one-time code through, or hand the same queued job to two workers.
PRIMARY_ONLY_APPS = frozenset(
    {
        "accounts",
        "api",  # idempotency keys: a retried request must find the first one's key
        "auth",
        "axes",
        "contenttypes",
        "django_tasks_database",
        "otp_static",
        "otp_totp",
        "schedule",
        "sessions",
    }
)

_pinned: ContextVar[bool] = ContextVar("primary_pinned", default=False)


def pin_to_primary() -> None:
    """Send the rest of this request or task to the primary (done on the first write)."""
    _pinned.set(True)


def unpin() -> None:
    """Start a new request or task: reads may go to the replica again."""
    _pinned.set(False)


def pinned() -> bool:
    return _pinned.get()


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if (
            _pinned.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica follows the primary's schema through streaming replication.
        return db == PRIMARY


class PrimaryPinMiddleware:
    """Each request starts reading from the replica, until its first write.

    A request that wrote also leaves a short-lived cookie, so the page it redirects to (and the
    user's next clicks for a few seconds) read from the primary and show what was just saved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _pinned.set(STICKY_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
            if _pinned.get():
                response.set_cookie(
                    STICKY_COOKIE,
                    "1",
                    max_age=STICKY_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _pinned.reset(token)


def _unpin_for_task(**kwargs: Any) -> None:
    unpin()


def connect_task_signals() -> None:
    """Each background task starts unpinned (the worker runs many tasks in one thread)."""
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_unpin_for_task, dispatch_uid="tochuc.db_router.task_started")
    task_finished.connect(_unpin_for_task, dispatch_uid="tochuc.db_router.task_finished")
