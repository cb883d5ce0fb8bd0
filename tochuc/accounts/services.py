"""Writes to accounts and grants, each audited."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.errors import AccountsErrorCode
from tochuc.accounts.models import ApiToken, Role, RoleGrant, User
from tochuc.accounts.policy import Action, can, forget_grants, reaches
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice


@transaction.atomic
def user_create(
    *, actor: Actor | None, username: str, password: str, full_name: str = "", email: str = ""
) -> User:
    username = username.strip()
    if not username:
        raise DomainError(
            _("Tên đăng nhập không được để trống."),
            field="username",
            code=AccountsErrorCode.USERNAME_REQUIRED,
        )
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Tên đăng nhập «%(username)s» đã có.") % {"username": username},
            field="username",
            code=AccountsErrorCode.USERNAME_TAKEN,
        )
    user = User(username=username, full_name=full_name.strip(), email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(
            " ".join(exc.messages), field="password", code=AccountsErrorCode.WEAK_PASSWORD
        ) from exc
    user.set_password(password)
    user.save()
    record(actor=actor, action="user.create", target=user, unit_path="", summary={"username": username})
    return user


@transaction.atomic
def password_change(*, actor: User, new_password: str) -> None:
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    record(
        actor=actor,
        action="user.password_change",
        target=actor,
        unit_path="",
        summary={"fields": ["password"]},
    )


def _require_grant_admin(actor: Actor | None, unit: OrgUnit) -> None:
    if actor is not None and not can(actor, Action.MANAGE_GRANTS, unit):
        raise DomainError(_("Không tìm thấy đơn vị."), code=AccountsErrorCode.UNIT_NOT_FOUND)


def _reaches_subtree(actor: Actor, unit: OrgUnit) -> bool:
    """Whether the actor manages grants on ``unit`` and everything below it."""
    reach = reaches(actor, Action.MANAGE_GRANTS)
    return any(r.include_subtree and unit.path.startswith(r.path) for r in reach)


def _covers_grant(actor: Actor, grant: RoleGrant) -> bool:
    """Whether the actor manages grants everywhere ``grant`` reaches."""
    if grant.include_subtree:
        return _reaches_subtree(actor, grant.unit)
    return can(actor, Action.MANAGE_GRANTS, grant.unit)


@transaction.atomic
def grant_role(
    *, actor: Actor | None, user: User, role: str, unit: OrgUnit, include_subtree: bool = True
) -> RoleGrant:
    _require_grant_admin(actor, unit)
    if include_subtree and actor is not None and not _reaches_subtree(actor, unit):
        raise DomainError(
            _(
                "Bạn chỉ quản lý quyền tại chính đơn vị này, không cấp được quyền cho cả các đơn vị trực thuộc."
            ),
            field="include_subtree",
            code=AccountsErrorCode.SUBTREE_NOT_MANAGED,
        )
    if role not in Role.values:
        raise DomainError(
            _("Vai trò «%(role)s» không hợp lệ.") % {"role": role},
            field="role",
            code=AccountsErrorCode.INVALID_ROLE,
        )
    if actor is not None and actor.pk == user.pk:
        raise DomainError(_("Không ai tự cấp quyền cho chính mình."), code=AccountsErrorCode.SELF_GRANT)
    grant, created = RoleGrant.objects.get_or_create(
        user=user,
        role=role,
        unit=unit,
        defaults={"include_subtree": include_subtree, "granted_by": actor if actor is not None else None},
    )
    if not created:
        if grant.include_subtree == include_subtree:
            raise DomainError(_("Người dùng đã có quyền này."), code=AccountsErrorCode.GRANT_EXISTS)
        grant.include_subtree = include_subtree
        grant.save(update_fields=["include_subtree"])
    forget_grants(user)
    record(
        actor=actor,
        action="rolegrant.grant",
        target=grant,
        unit_path=unit.path,
        summary={"user": user.username, "role": role, "unit": unit.code, "include_subtree": include_subtree},
        object_label=f"{user.username} — {Role(role).label} — {unit.code}",
    )
    return grant


@transaction.atomic
def revoke_grant(*, actor: Actor | None, grant: RoleGrant) -> None:
    _require_grant_admin(actor, grant.unit)
    if actor is not None and actor.pk == grant.user_id:
        raise DomainError(_("Không ai tự thu hồi quyền của chính mình."), code=AccountsErrorCode.SELF_REVOKE)
    summary = {"user": grant.user.username, "role": grant.role, "unit": grant.unit.code}
    record(
        actor=actor,
        action="rolegrant.revoke",
        target=grant,
        unit_path=grant.unit.path,
        summary=summary,
        object_label=f"{grant.user.username} — {Role(grant.role).label} — {grant.unit.code}",
    )
    grant.delete()
    forget_grants(grant.user)


@transaction.atomic
def otp_requirement_set(*, actor: Actor | None, user: User, required: bool, unit: OrgUnit) -> User:
    """An admin requires (or stops requiring) TOTP for a user holding a grant in their subtree."""
    _require_grant_admin(actor, unit)
    if not RoleGrant.objects.filter(user=user, unit__path__startswith=unit.path).exists():
        raise DomainError(
            _("Người dùng không có quyền trong phạm vi của bạn."), code=AccountsErrorCode.USER_NOT_FOUND
        )
    if actor is not None:
        if actor.pk == user.pk:
            raise DomainError(
                _("Không ai tự thay đổi yêu cầu xác thực hai lớp của chính mình."),
                code=AccountsErrorCode.SELF_TWO_FACTOR,
            )
        # Whoever holds powers beyond the actor's reach is not the actor's to secure or unsecure.
        held = RoleGrant.objects.filter(user=user).select_related("unit")
        if not all(_covers_grant(actor, g) for g in held):
            raise DomainError(
                _("Người dùng còn có quyền ngoài phạm vi quản lý của bạn."),
                code=AccountsErrorCode.USER_BEYOND_SCOPE,
            )
    user.otp_required = required
    user.save(update_fields=["otp_required"])
    record(
        actor=actor,
        action="user.otp_requirement",
        target=user,
        unit_path=unit.path,
        summary={"otp_required": required},
    )
    return user


def otp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a user is setting up (made once, then reused)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="tochuc", confirmed=False)
    return device


@transaction.atomic
def otp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(actor=user, action="user.otp_confirm", target=user, unit_path="", summary={"device": device.pk})


API_TOKEN_BYTES = 32
API_TOKEN_NAME_MAX = 100


def _require_token_owner(actor: Actor | None, owner_id: int) -> None:
    """Tokens are the owner's own business; the command line (``actor=None``) may act for anyone."""
    if actor is not None and actor.pk != owner_id:
        raise DomainError(_("Không tìm thấy khoá API."), code=AccountsErrorCode.TOKEN_NOT_FOUND)


@transaction.atomic
def api_token_create(*, actor: Actor | None, user: User, name: str) -> tuple[ApiToken, str]:
    """A new bearer key for ``user``: returned once, only its SHA-256 is kept."""
    _require_token_owner(actor, user.pk)
    name = name.strip()
    if not name:
        raise DomainError(
            _("Tên khoá API không được để trống."), field="name", code=AccountsErrorCode.TOKEN_NAME_REQUIRED
        )
    if len(name) > API_TOKEN_NAME_MAX:
        raise DomainError(
            _("Tên khoá API dài quá %(max)s ký tự.") % {"max": API_TOKEN_NAME_MAX},
            field="name",
            code=AccountsErrorCode.TOKEN_NAME_TOO_LONG,
        )
    if not user.is_active:
        raise DomainError(
            _("Tài khoản đã bị khoá, không cấp khoá API."), field="user", code=AccountsErrorCode.USER_INACTIVE
        )
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise DomainError(
            _("Người dùng đã có khoá API «%(name)s» còn hiệu lực.") % {"name": name},
            field="name",
            code=AccountsErrorCode.TOKEN_NAME_TAKEN,
        )
    key = secrets.token_urlsafe(API_TOKEN_BYTES)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[:8])
    record(
        actor=actor,
        action="apitoken.create",
        target=token,
        unit_path="",
        summary={"user": user.username, "name": name},
        object_label=f"{user.username} — {name}",
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Actor | None, token: ApiToken) -> ApiToken:
    """Revoke ``token`` for good; its key stops working on the next request."""
    _require_token_owner(actor, token.user_id)
    now = timezone.now()
    if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        raise DomainError(_("Khoá API này đã bị thu hồi."), code=AccountsErrorCode.TOKEN_REVOKED)
    token.revoked_at = now
    record(
        actor=actor,
        action="apitoken.revoke",
        target=token,
        unit_path="",
        summary={"user": token.user.username, "name": token.name},
        object_label=f"{token.user.username} — {token.name}",
    )
    return token
