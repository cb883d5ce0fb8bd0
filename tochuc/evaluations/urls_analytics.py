from django.urls import URLPattern, path

from tochuc.evaluations import analytics_views as views

# Included by tochuc/evaluations/urls.py under "analytics/", in the "evaluations" namespace.
urlpatterns: list[URLPattern] = [
    path("", views.analytics, name="analytics"),
    path("<str:cycle>/<str:unit>/", views.analytics_unit, name="analytics_unit"),
    path("<str:cycle>/<str:unit>/export.xlsx", views.analytics_export, name="analytics_export"),
]
