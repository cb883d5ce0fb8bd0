"""The published results of the award, open to anyone without an account (``/giai-bua-liem-vang/``)."""

from django.urls import path

from tochuc.award import judging_views

app_name = "public_award"

urlpatterns = [
    path("<int:year>/", judging_views.public_results, name="results"),
]
