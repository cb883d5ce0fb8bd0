from django.urls import URLPattern, path

from tochuc.people import import_views

urlpatterns: list[URLPattern] = [
    path("import/", import_views.import_home, name="import_home"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<uuid:job_id>/", import_views.import_job, name="import_job"),
    path("import/<uuid:job_id>/status/", import_views.import_job_status, name="import_job_status"),
]
