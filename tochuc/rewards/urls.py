from django.urls import path

from tochuc.rewards import views

app_name = "rewards"

urlpatterns = [
    path("badges/", views.badge_list, name="badges"),
    path("badges/propose/", views.badge_propose, name="badge_propose"),
    path("badges/<int:pk>/decide/", views.badge_decide, name="badge_decide"),
    path("badges/<str:code>/due.xlsx", views.badges_export, name="badges_export"),
    path("badges/<str:code>/proposal.docx", views.badge_proposal_docx, name="badge_proposal_docx"),
    path("badges/<str:code>/decision.docx", views.badge_decision_docx, name="badge_decision_docx"),
]
