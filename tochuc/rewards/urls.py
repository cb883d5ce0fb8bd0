from django.urls import path

from tochuc.rewards import certificate_views, discipline_views, views

app_name = "rewards"

urlpatterns = [
    path("badges/", views.badge_list, name="badges"),
    path("badges/propose/", views.badge_propose, name="badge_propose"),
    path("badges/<int:pk>/decide/", views.badge_decide, name="badge_decide"),
    path("badges/<str:code>/due.xlsx", views.badges_export, name="badges_export"),
    path("badges/<str:code>/proposal.docx", views.badge_proposal_docx, name="badge_proposal_docx"),
    path("badges/<str:code>/decision.docx", views.badge_decision_docx, name="badge_decision_docx"),
    path("certificates/", certificate_views.certificate_list, name="certificates"),
    path("certificates/propose/", certificate_views.certificate_propose, name="certificate_propose"),
    path("certificates/<int:pk>/approve/", certificate_views.certificate_approve, name="certificate_approve"),
    path(
        "certificates/<str:code>/candidates.xlsx",
        certificate_views.certificates_xlsx,
        name="certificates_xlsx",
    ),
    path(
        "certificates/<str:code>/proposal.docx",
        certificate_views.certificate_list_docx,
        name="certificate_list_docx",
    ),
    path(
        "certificates/<str:code>/decision.docx",
        certificate_views.certificate_decision_docx,
        name="certificate_decision_docx",
    ),
    path("discipline/", discipline_views.discipline_list, name="disciplines"),
    path("discipline/propose/", discipline_views.discipline_propose, name="discipline_propose"),
    path("discipline/<int:pk>/", discipline_views.discipline_detail, name="discipline_detail"),
    path("discipline/<int:pk>/decide/", discipline_views.discipline_decide, name="discipline_decide"),
    path("discipline/<int:pk>/appeal/", discipline_views.discipline_appeal, name="discipline_appeal"),
    path("discipline/<int:pk>/decision.docx", discipline_views.discipline_docx, name="discipline_docx"),
    path("appeals/<int:pk>/answer/", discipline_views.appeal_answer, name="appeal_answer"),
]
