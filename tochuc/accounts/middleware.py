from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from tochuc.accounts.policy import required_otp

# Paths a user who still owes a TOTP code may open.
_OPEN_PREFIXES = ("/accounts/otp/", "/accounts/logout/", "/static/", "/healthz", "/i18n/")


class OtpRequiredMiddleware:
    """Send a user who must use TOTP to set it up or enter a code before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not request.path.startswith("/api/")
            and required_otp(user)
            and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
        ):
            return redirect(reverse("accounts:otp") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
