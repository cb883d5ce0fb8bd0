from django.urls import path

from tochuc.evaluations import import_views, views

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<str:code>/", views.cycle_detail, name="cycle"),
    path("cycles/<str:code>/close/", views.cycle_close, name="cycle_close"),
    path("cycles/<str:code>/import/", import_views.cycle_import, name="cycle_import"),
    path("cycles/<str:code>/import/template.xlsx", import_views.import_template, name="import_template"),
    path("cycles/<str:code>/justify/", views.justify, name="justify"),
    path("cycles/<str:code>/units/<str:unit_code>/", views.cycle_unit, name="cycle_unit"),
    path("cycles/<str:code>/units/<str:unit_code>/decide/", views.decide_unit, name="decide_unit"),
    path(
        "cycles/<str:code>/units/<str:unit_code>/refresh-tasks/",
        views.unit_refresh_tasks,
        name="unit_refresh_tasks",
    ),
    path("<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("<int:pk>/self-review/", views.self_review, name="self_review"),
    path("<int:pk>/comments/", views.comments, name="comments"),
    path("<int:pk>/appraisal/", views.appraisal, name="appraisal"),
    path("<int:pk>/decision/", views.decision, name="decision"),
]
