"""The 404 of a URL that matches nothing: under ``/api/`` it is the API's own JSON body."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        from tochuc.api.api import not_found_response

        return not_found_response(request)
    return defaults.page_not_found(request, exception)
