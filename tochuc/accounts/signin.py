"""Signing in and out are audit events: logins, failed logins, lockouts and logouts.

A login is recorded by the login page once the password is accepted (a test
client's ``force_login`` is not a login); a failed login, a lockout and a
logout come from the signals Django and django-axes send. The events carry no
unit path: auditors of a whole tree see them. A password is never recorded,
only the username typed (cut to the field's length) and the address.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from tochuc.accounts.models import User
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.addresses import client_address

USERNAME_MAX = 150


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", "") or client_address(request))[:64]


def _account(username: str) -> User:
    """The account named, or an unsaved stand-in when nobody has that username."""
    return User.objects.filter(username=username).first() or User(username=username)


def _record(actor: Actor | None, action: str, username: str, request: HttpRequest | None) -> None:
    username = str(username or "")[:USERNAME_MAX]
    with transaction.atomic():
        record(
            actor=actor,
            action=action,
            target=_account(username),
            unit_path="",
            summary={"username": username, "address": _address(request)},
            object_label=username,
        )


def login_record(*, user: User, request: HttpRequest | None) -> None:
    _record(user, "user.login", user.get_username(), request)


def login_failed_record(*, username: str, request: HttpRequest | None) -> None:
    _record(None, "user.login_failed", username, request)


def lockout_record(*, username: str, request: HttpRequest | None) -> None:
    _record(None, "user.lockout", username, request)


def logout_record(*, user: User, request: HttpRequest | None) -> None:
    _record(user, "user.logout", user.get_username(), request)


class LoginView(auth_views.LoginView):
    """Django's login page, recording each accepted password."""

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        login_record(user=form.get_user(), request=self.request)
        return response


@receiver(user_login_failed, dispatch_uid="tochuc_login_failed")
def _on_login_failed(
    sender: object, credentials: dict[str, object], request: HttpRequest | None = None, **_: object
) -> None:
    login_failed_record(username=str(credentials.get("username", "")), request=request)


@receiver(user_logged_out, dispatch_uid="tochuc_logout")
def _on_logout(sender: object, request: HttpRequest | None, user: User | None, **_: object) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        logout_record(user=user, request=request)


def connect_lockout() -> None:
    """django-axes reads the settings on import: connected from ``AppConfig.ready``."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_on_lockout, dispatch_uid="tochuc_lockout")


def _on_lockout(sender: object, request: HttpRequest | None = None, username: str = "", **_: object) -> None:
    lockout_record(username=str(username or ""), request=request)
