"""``{% load navigation %}{% sidenav %}``: the side navigation of the signed-in user (see
:mod:`tochuc.core.navigation`)."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from tochuc.core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def sidenav(context: Context) -> SafeString:
    request = context["request"]
    return navigation.render(navigation.functions_of(request.user), request.path)
