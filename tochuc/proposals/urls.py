from django.urls import path

from tochuc.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("export.xlsx", views.proposal_export, name="export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", views.dashboard_export, name="dashboard_export"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/answer/", views.proposal_answer, name="answer"),
    path("<int:pk>/approve/", views.proposal_approve, name="approve"),
    path("<int:pk>/publish/", views.proposal_publish, name="publish"),
    path("<int:pk>/forward/", views.proposal_forward, name="forward"),
    path("<int:pk>/opinion-request/", views.proposal_opinion_ask, name="opinion_ask"),
    path("<int:pk>/opinion/", views.proposal_opinion_give, name="opinion_give"),
    path("<int:pk>/files/<int:file_id>/", views.proposal_file, name="file"),
]
