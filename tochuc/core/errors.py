"""One error type for rule violations, mapped to a message in one place per surface."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    CONFLICT = "conflict"


class DomainError(Exception):
    """A request that breaks a rule. Nothing has been changed when it is raised."""

    def __init__(self, message: str, *, code: ErrorCode = ErrorCode.INVALID, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


def not_found() -> DomainError:
    """What a service says about something missing or outside the actor's reach (the same answer)."""
    return DomainError("Không tìm thấy.", code=ErrorCode.NOT_FOUND)
