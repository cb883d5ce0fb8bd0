from django.urls import URLPattern, path

from tochuc.people import views_import

urlpatterns: list[URLPattern] = [
    path("import/", views_import.import_home, name="import_home"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("import/<uuid:job_id>/", views_import.import_job, name="import_job"),
    path("import/<uuid:job_id>/status/", views_import.import_job_status, name="import_job_status"),
]
