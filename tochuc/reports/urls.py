from django.urls import URLPattern, URLResolver, path

from tochuc.reports import views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("structure/", views.structure_report, name="structure"),
    path("structure.xlsx", views.structure_export, name="structure_export"),
]
