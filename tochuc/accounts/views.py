from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tochuc.accounts import selectors, services
from tochuc.accounts.forms import GrantForm, OtpForm
from tochuc.accounts.models import User
from tochuc.accounts.permissions import get_grant_for
from tochuc.accounts.policy import Action, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.orgunits.permissions import get_unit_for


@login_required
def password_change(request: AuthedRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(actor=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("orgunits:tree")
    return render(request, "accounts/password_change.html", {"form": form})


def _safe_next(request: AuthedRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def otp(request: AuthedRequest) -> HttpResponse:
    """Enter a TOTP code; the first time, set up the authenticator app."""
    user = request.user
    assert isinstance(user, User)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if device is None:
        device = services.otp_device_pending(user=user)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                services.otp_device_confirm(user=user, device=device)
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn."))
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
    if setting_up:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr"] = _qr_svg(device.config_url)
    return render(request, "accounts/otp.html", context)


@login_required
def grants(request: AuthedRequest) -> HttpResponse:
    """Role grants in the admin's subtree; add and revoke."""
    if not has_any(request.user, Action.MANAGE_GRANTS):
        raise Http404
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = get_unit_for(request.user, data["unit_code"].strip().upper(), Action.MANAGE_GRANTS)
        except Http404:
            form.add_error("unit_code", _("Không có đơn vị này trong phạm vi của bạn."))
        else:
            target = User.objects.filter(username=data["username"].strip()).first()
            if target is None:
                form.add_error("username", _("Không có tài khoản này."))
            else:
                try:
                    services.grant_role(
                        actor=request.user,
                        user=target,
                        role=data["role"],
                        unit=unit,
                        include_subtree=data["include_subtree"],
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(request, _("Đã cấp quyền cho %(user)s.") % {"user": target.username})
                    return redirect("accounts:grants")
    page = Paginator(selectors.grants_in_scope(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/grants.html", {"form": form, "page": page})


@login_required
@require_POST
def grant_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = get_grant_for(request.user, pk)
    try:
        services.revoke_grant(actor=request.user, grant=grant)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi quyền."))
    return redirect("accounts:grants")


@login_required
@require_POST
def grant_otp(request: AuthedRequest, pk: int) -> HttpResponse:
    """Require (or stop requiring) a TOTP code for the holder of a grant in the admin's subtree."""
    grant = get_grant_for(request.user, pk)
    required = not grant.user.otp_required
    try:
        services.otp_requirement_set(actor=request.user, user=grant.user, required=required, unit=grant.unit)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if required:
            messages.success(
                request,
                _("Từ lần đăng nhập sau, %(user)s phải nhập mã xác thực.") % {"user": grant.user.username},
            )
        else:
            messages.success(
                request, _("Đã bỏ yêu cầu mã xác thực với %(user)s.") % {"user": grant.user.username}
            )
    return redirect("accounts:grants")
