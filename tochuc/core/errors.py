"""One error type for rule violations, mapped to a message in one place per surface.

Every refusal carries a code. The four common codes below are also the kinds every code
belongs to (what went wrong in general: bad input, nothing there, not allowed, clashes with the
current state); each app lists its own codes in ``<app>/errors.py``::

    class PeopleErrorCode(AppErrorCode):
        INVALID_CITIZEN_ID = "people.invalid_citizen_id"
        CODE_TAKEN = "people.code_taken", ErrorCode.CONFLICT

    raise DomainError(_("Mã «%(code)s» đã được dùng.") % {"code": code}, code=PeopleErrorCode.CODE_TAKEN)

The message is translated where it is raised (``gettext`` with named placeholders), so it is
in the language of the request.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext as _


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    CONFLICT = "conflict"


class AppErrorCode(StrEnum):
    """The base of an app's error codes: a member is ``"app.code"`` or ``("app.code", kind)``."""

    kind: ErrorCode

    def __new__(cls, value: str, kind: ErrorCode = ErrorCode.INVALID) -> AppErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.kind = kind
        return member


class DomainError(Exception):
    """A request that breaks a rule. Nothing has been changed when it is raised."""

    def __init__(
        self, message: str, *, code: ErrorCode | AppErrorCode = ErrorCode.INVALID, field: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    @property
    def kind(self) -> ErrorCode:
        """The common code this refusal belongs to; each surface answers by it."""
        return self.code if isinstance(self.code, ErrorCode) else self.code.kind


def not_found() -> DomainError:
    """What a service says about something missing or outside the actor's reach (the same answer)."""
    return DomainError(_("Không tìm thấy."), code=ErrorCode.NOT_FOUND)
