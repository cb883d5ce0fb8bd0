"""What the accounts services refuse, one code each (sent to API clients as ``code``)."""

from __future__ import annotations

from tochuc.core.errors import AppErrorCode, ErrorCode


class AccountsErrorCode(AppErrorCode):
    USERNAME_REQUIRED = "accounts.username_required"
    USERNAME_TAKEN = "accounts.username_taken", ErrorCode.CONFLICT
    UNIT_NOT_FOUND = "accounts.unit_not_found", ErrorCode.NOT_FOUND
    SUBTREE_NOT_MANAGED = "accounts.subtree_not_managed", ErrorCode.FORBIDDEN
    INVALID_ROLE = "accounts.invalid_role"
    SELF_GRANT = "accounts.self_grant", ErrorCode.FORBIDDEN
    SELF_REVOKE = "accounts.self_revoke", ErrorCode.FORBIDDEN
    USER_NOT_FOUND = "accounts.user_not_found", ErrorCode.NOT_FOUND
    TOKEN_NOT_FOUND = "accounts.token_not_found", ErrorCode.NOT_FOUND
    TOKEN_NAME_REQUIRED = "accounts.token_name_required"
    TOKEN_NAME_TOO_LONG = "accounts.token_name_too_long"
    USER_INACTIVE = "accounts.user_inactive"
    TOKEN_NAME_TAKEN = "accounts.token_name_taken", ErrorCode.CONFLICT
    TOKEN_REVOKED = "accounts.token_revoked", ErrorCode.CONFLICT
    WEAK_PASSWORD = "accounts.weak_password"
    GRANT_EXISTS = "accounts.grant_exists", ErrorCode.CONFLICT
    SELF_TWO_FACTOR = "accounts.self_two_factor", ErrorCode.FORBIDDEN
    USER_BEYOND_SCOPE = "accounts.user_beyond_scope", ErrorCode.FORBIDDEN
