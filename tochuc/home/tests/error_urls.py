"""The site's URLs plus one view that fails, to see the error page users get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tochuc.urls import urlpatterns as site


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [*site, path("fails/", fails)]
