"""The public feedback page, open to anyone without an account (``/gop-y/``)."""

from django.urls import path

from tochuc.feedback import public_views

app_name = "public_feedback"

urlpatterns = [
    path("", public_views.public_form, name="form"),
    path("don-vi/", public_views.public_units, name="units"),
    path("tra-cuu/", public_views.public_lookup, name="lookup"),
]
