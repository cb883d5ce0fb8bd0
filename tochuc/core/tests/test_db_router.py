"""The read replica router: reads to the replica, never a write nor a read after a write, never a
read inside a transaction; each request starts afresh. No real replica is needed: the router's
decisions are checked directly, and through requests with a router that records its decisions
(and then runs every query on the one test database)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tochuc.accounts.models import User
from tochuc.core import db_router
from tochuc.core.db_router import PRIMARY, REPLICA, STICKY_COOKIE, PrimaryPinMiddleware, ReplicaRouter
from tochuc.core.tests.test_settings_modes import run
from tochuc.notifications.models import Notification
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

Decision = tuple[str, str, str]  # (read | write, app label, database)
decisions: list[Decision] = []


class RecordingRouter(ReplicaRouter):
    """Decides as the replica router does, records it, and runs the query on the test database."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        decisions.append(("read", model._meta.app_label, super().db_for_read(model, **hints)))
        return PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        decisions.append(("write", model._meta.app_label, super().db_for_write(model, **hints)))
        return PRIMARY


RECORDING = [f"{__name__}.RecordingRouter"]


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    db_router.unpin()
    decisions.clear()
    yield
    db_router.unpin()


def assert_no_replica_after_a_write(seen: list[Decision]) -> None:
    first_write = next((i for i, d in enumerate(seen) if d[0] == "write"), len(seen))
    assert all(d[2] == PRIMARY for d in seen if d[0] == "write")
    assert all(d[2] == PRIMARY for d in seen[first_write:]), seen[first_write:]


def test_reads_go_to_the_replica_writes_and_later_reads_to_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(Person) == REPLICA
    assert router.db_for_read(OrgUnit) == REPLICA
    assert router.db_for_write(Person) == PRIMARY
    assert router.db_for_read(Person) == PRIMARY
    assert router.db_for_read(OrgUnit) == PRIMARY
    db_router.unpin()
    assert router.db_for_read(Person) == REPLICA


def test_sessions_users_and_grants_are_always_read_from_the_primary() -> None:
    from django.contrib.sessions.models import Session

    router = ReplicaRouter()
    assert router.db_for_read(Session) == PRIMARY
    assert router.db_for_read(User) == PRIMARY


def test_only_the_primary_is_migrated() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "people")
    assert not router.allow_migrate(REPLICA, "people")


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(Person) == REPLICA
    with transaction.atomic():
        assert router.db_for_read(Person) == PRIMARY
    assert router.db_for_read(Person) == REPLICA


def _through_middleware(view: Callable[[HttpRequest], HttpResponse], **cookies: str) -> HttpResponse:
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    return PrimaryPinMiddleware(view)(request)


@pytest.mark.django_db(transaction=True)
@override_settings(DATABASE_ROUTERS=RECORDING)
def test_a_request_that_writes_reads_its_own_write_from_the_primary() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        list(OrgUnit.objects.all()[:1])  # before any write: the replica
        unit = OrgUnit.objects.create(code="R1", name="Chi bộ R1", kind="cell", path="0001")
        assert OrgUnit.objects.get(pk=unit.pk).code == "R1"
        list(Person.objects.all()[:1])
        return HttpResponse()

    response = _through_middleware(view)
    assert decisions[0] == ("read", "orgunits", REPLICA)
    assert_no_replica_after_a_write(decisions)
    assert ("read", "orgunits", PRIMARY) in decisions
    # The next click (the redirect after a form) still reads from the primary.
    assert STICKY_COOKIE in response.cookies
    decisions.clear()
    _through_middleware(lambda r: HttpResponse(str(OrgUnit.objects.count())), **{STICKY_COOKIE: "1"})
    assert decisions == [("read", "orgunits", PRIMARY)]


@pytest.mark.django_db(transaction=True)
@override_settings(DATABASE_ROUTERS=RECORDING)
def test_a_fresh_request_reads_from_the_replica_again() -> None:
    db_router.pin_to_primary()  # left over from an earlier request in the same thread
    response = _through_middleware(lambda r: HttpResponse(str(OrgUnit.objects.count())))
    assert decisions == [("read", "orgunits", REPLICA)]
    assert STICKY_COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True)
def test_real_pages_never_read_from_the_replica_after_a_write(client: Any) -> None:
    from tochuc.conftest import make_user

    user = make_user("reader")
    Notification.objects.create(user=user, kind="test", text="Thông báo", key="k1")
    client.force_login(user)
    middleware = ["tochuc.core.db_router.PrimaryPinMiddleware", *_middleware()]
    with override_settings(DATABASE_ROUTERS=RECORDING, MIDDLEWARE=middleware):
        decisions.clear()
        assert client.get(reverse("notifications:inbox")).status_code == 200
        assert ("read", "notifications", REPLICA) in decisions
        assert_no_replica_after_a_write(decisions)
        decisions.clear()
        response = client.post(reverse("notifications:read_all"))
        assert response.status_code == 302
        assert ("write", "notifications", PRIMARY) in decisions
        assert_no_replica_after_a_write(decisions)
        decisions.clear()
        client.get(response["Location"])  # the redirect reads what was just written
        assert not [d for d in decisions if d[2] == REPLICA]
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def _middleware() -> list[str]:
    from django.conf import settings

    return list(settings.MIDDLEWARE)


SHOW_DATABASES = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'dbs': s.DATABASES, 'routers': s.DATABASE_ROUTERS, "
    "'pin': 'tochuc.core.db_router.PrimaryPinMiddleware' in s.MIDDLEWARE}, default=str))"
)


def _settings(tmp_path: Path, **env: str) -> dict[str, Any]:
    done = run(["-c", SHOW_DATABASES], tmp_path / "var", DJANGO_SETTINGS_MODULE="tochuc.settings.base", **env)
    assert done.returncode == 0, done.stderr
    shown: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return shown


def test_the_replica_is_configured_only_when_its_url_is_set(tmp_path: Path) -> None:
    primary = "postgres://tochuc@db1:5432/tochuc"
    shown = _settings(tmp_path, DEBUG="1", DATABASE_URL=primary)
    assert set(shown["dbs"]) == {"default"} and shown["routers"] == [] and not shown["pin"]
    shown = _settings(
        tmp_path, DEBUG="1", DATABASE_URL=primary, DATABASE_REPLICA_URL="postgres://tochuc@db2:5432/tochuc"
    )
    default, replica = shown["dbs"]["default"], shown["dbs"]["replica"]
    assert replica["HOST"] == "db2" and default["HOST"] == "db1"
    assert replica["OPTIONS"] == default["OPTIONS"] and replica["CONN_MAX_AGE"] == default["CONN_MAX_AGE"]
    assert replica["TEST"]["MIRROR"] == "default"
    assert shown["routers"] == ["tochuc.core.db_router.ReplicaRouter"] and shown["pin"]


def test_each_background_task_starts_unpinned() -> None:
    from django_tasks.signals import task_started

    db_router.connect_task_signals()
    db_router.pin_to_primary()  # the worker wrote when it took the task from the queue
    # Robust: the library's own logging receiver needs a real task result.
    replies = task_started.send_robust(sender=ReplicaRouter, task_result=None)
    assert any(receiver is db_router._unpin_for_task and error is None for receiver, error in replies)
    assert ReplicaRouter().db_for_read(Person) == REPLICA
