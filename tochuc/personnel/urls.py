from django.urls import include, path

from tochuc.personnel import views

app_name = "personnel"

urlpatterns = [
    path("", views.home, name="home"),
    path("people/search/", views.person_search, name="person_search"),
    path("planning/", views.planning_list, name="planning_list"),
    path("planning/<int:pk>/", views.planning_detail, name="planning_detail"),
    path("planning/<int:pk>/propose/", views.entry_propose, name="entry_propose"),
    path("planning/<int:pk>/review/", views.planning_review, name="planning_review"),
    path("planning/entries/<int:pk>/approve/", views.entry_approve, name="entry_approve"),
    path("planning/entries/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/new/", views.procedure_new, name="procedure_new"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure_detail"),
    path("procedures/<int:pk>/meetings/", views.step_record, name="step_record"),
    path("procedures/<int:pk>/meetings/correct/", views.step_correct, name="step_correct"),
    path("procedures/<int:pk>/approver/", views.set_approver, name="set_approver"),
    path("procedures/<int:pk>/decide/", views.decide, name="decide"),
    path("procedures/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("rotations/", views.rotation_list, name="rotation_list"),
    path("rotations/new/", views.rotation_new, name="rotation_new"),
    path("rotations/<int:pk>/end/", views.rotation_end, name="rotation_end"),
    path("votes/", views.vote_list, name="vote_list"),
    path("transparency/", views.transparency, name="transparency"),
    path("", include("tochuc.personnel.urls_documents")),
]
