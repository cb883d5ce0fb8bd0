"""Error codes: each app names its refusals, every code belongs to one of the four kinds."""

from __future__ import annotations

import importlib

import pytest

from tochuc.core.errors import AppErrorCode, DomainError, ErrorCode, not_found

APPS = ["accounts", "directives", "evaluations", "orgunits", "people", "personnel", "positions"]


def app_codes(app: str) -> list[AppErrorCode]:
    module = importlib.import_module(f"tochuc.{app}.errors")
    enums = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, AppErrorCode) and value is not AppErrorCode
    ]
    assert len(enums) == 1, app
    return list(enums[0])


@pytest.mark.parametrize("app", APPS)
def test_an_apps_codes_are_named_after_it(app: str) -> None:
    codes = app_codes(app)
    assert codes
    for code in codes:
        assert code.value.startswith(f"{app}."), code
        assert code.kind in ErrorCode


def test_no_two_apps_share_a_code() -> None:
    every = [code.value for app in APPS for code in app_codes(app)]
    assert len(every) == len(set(every))


def test_a_refusal_names_its_code_and_kind() -> None:
    from tochuc.people.errors import PeopleErrorCode

    refusal = DomainError("Mã «X» đã được dùng.", code=PeopleErrorCode.CODE_TAKEN, field="code")
    assert (refusal.code, refusal.kind, refusal.field) == ("people.code_taken", ErrorCode.CONFLICT, "code")
    assert DomainError("Sai.").kind == ErrorCode.INVALID
    assert not_found().kind == ErrorCode.NOT_FOUND
