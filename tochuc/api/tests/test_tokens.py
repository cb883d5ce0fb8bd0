"""API tokens: issued once, stored hashed, audited, revocable, and refused once revoked."""

from __future__ import annotations

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tochuc.accounts.models import ApiToken, User
from tochuc.accounts.services import api_token_create, api_token_revoke
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError, ErrorCode

UNITS = "/api/v1/units/"


def with_key(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    return event


def test_create_stores_only_the_hash_and_audits_without_the_key(tree: Tree, inside: User) -> None:
    token, key = api_token_create(actor=None, user=inside, name="  báo cáo tỉnh  ")
    assert len(key) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.name == "báo cáo tỉnh"
    assert key not in json.dumps(list(ApiToken.objects.values()), default=str)
    event = last_event()
    assert event.action == "apitoken.create"
    assert event.object_id == str(token.pk)
    assert event.summary == {"user": "inside", "name": "báo cáo tỉnh"}
    assert key not in json.dumps(event.summary) + event.object_label


def test_each_key_is_new(tree: Tree, inside: User) -> None:
    _, first = api_token_create(actor=None, user=inside, name="a")
    _, second = api_token_create(actor=None, user=inside, name="b")
    assert first != second


def test_a_user_may_issue_their_own_token_but_not_someone_elses(
    tree: Tree, inside: User, outside: User
) -> None:
    token, _ = api_token_create(actor=inside, user=inside, name="mine")
    assert last_event().actor_id == inside.pk
    with pytest.raises(DomainError) as refused:
        api_token_create(actor=outside, user=inside, name="theirs")
    assert refused.value.kind == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError):
        api_token_revoke(actor=outside, token=token)
    assert ApiToken.objects.filter(user=inside).count() == 1


@pytest.mark.parametrize(
    ("name", "code", "field"),
    [
        ("", ErrorCode.INVALID, "name"),
        ("   ", ErrorCode.INVALID, "name"),
        ("x" * 101, ErrorCode.INVALID, "name"),
    ],
)
def test_create_rejects_bad_names(tree: Tree, inside: User, name: str, code: ErrorCode, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        api_token_create(actor=None, user=inside, name=name)
    assert (refused.value.kind, refused.value.field) == (code, field)
    assert not ApiToken.objects.exists()


def test_names_are_unique_among_live_tokens(tree: Tree, inside: User) -> None:
    token, _ = api_token_create(actor=None, user=inside, name="sync")
    with pytest.raises(DomainError) as refused:
        api_token_create(actor=None, user=inside, name="sync")
    assert refused.value.kind == ErrorCode.CONFLICT
    api_token_revoke(actor=None, token=token)
    api_token_create(actor=None, user=inside, name="sync")


def test_no_token_for_an_inactive_user(tree: Tree, inside: User) -> None:
    inside.is_active = False
    inside.save()
    with pytest.raises(DomainError) as refused:
        api_token_create(actor=None, user=inside, name="x")
    assert refused.value.field == "user"


def test_revoked_token_gets_401(tree: Tree, inside: User) -> None:
    token, key = api_token_create(actor=inside, user=inside, name="x")
    assert with_key(key).get(UNITS).status_code == 200
    api_token_revoke(actor=inside, token=token)
    event = last_event()
    assert (event.action, event.object_id) == ("apitoken.revoke", str(token.pk))
    assert key not in json.dumps(event.summary)
    response = with_key(key).get(UNITS)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    with pytest.raises(DomainError) as again:
        api_token_revoke(actor=inside, token=token)
    assert again.value.kind == ErrorCode.CONFLICT


def test_token_of_an_inactive_user_gets_401(tree: Tree, inside: User) -> None:
    _, key = api_token_create(actor=None, user=inside, name="x")
    User.objects.filter(pk=inside.pk).update(is_active=False)
    assert with_key(key).get(UNITS).status_code == 401


def test_revoking_one_token_leaves_the_others(tree: Tree, inside: User) -> None:
    first, first_key = api_token_create(actor=None, user=inside, name="a")
    _, second_key = api_token_create(actor=None, user=inside, name="b")
    api_token_revoke(actor=None, token=first)
    assert with_key(first_key).get(UNITS).status_code == 401
    assert with_key(second_key).get(UNITS).status_code == 200


def test_use_is_stamped_at_most_every_few_minutes(tree: Tree, inside: User) -> None:
    token, key = api_token_create(actor=None, user=inside, name="x")
    assert token.last_used_at is None
    with_key(key).get(UNITS)
    token.refresh_from_db()
    stamped = token.last_used_at
    assert stamped is not None
    with_key(key).get(UNITS)
    token.refresh_from_db()
    assert token.last_used_at == stamped


# --- commands ------------------------------------------------------------------------------


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_the_key_once_and_it_works(tree: Tree, inside: User) -> None:
    out, err = run("api_token_create", "inside", "--name", "đồng bộ")
    key = out.strip()
    assert out == key + "\n"
    assert key not in err
    assert "đồng bộ" in err
    token = ApiToken.objects.get(user=inside)
    assert token.key_hash == ApiToken.hash_key(key)
    assert last_event().actor_id is None
    assert with_key(key).get(UNITS).json()["count"] == 5


def test_command_refuses_unknown_users_and_duplicate_names(tree: Tree, inside: User) -> None:
    with pytest.raises(CommandError, match="nobody"):
        run("api_token_create", "nobody", "--name", "x")
    run("api_token_create", "inside", "--name", "x")
    with pytest.raises(CommandError, match="x"):
        run("api_token_create", "inside", "--name", "x")
    assert ApiToken.objects.count() == 1


def test_revoke_command(tree: Tree, inside: User) -> None:
    key = run("api_token_create", "inside", "--name", "x")[0].strip()
    out, _ = run("api_token_revoke", "inside", "--name", "x")
    assert key not in out
    assert with_key(key).get(UNITS).status_code == 401
    with pytest.raises(CommandError):
        run("api_token_revoke", "inside", "--name", "x")
