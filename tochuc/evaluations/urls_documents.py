from django.urls import path

from tochuc.evaluations import document_views as views

urlpatterns = [
    path("evaluations/<int:pk>/self-review.docx", views.self_review_docx, name="self_review_docx"),
    path(
        "cycles/<str:code>/units/<str:unit_code>/report.docx",
        views.collective_report_docx,
        name="collective_report_docx",
    ),
    path("cycles/<str:code>/summary.docx", views.cycle_summary_docx, name="cycle_summary_docx"),
]
