from django.urls import URLPattern, path

from tochuc.directives import document_views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/<str:unit_code>/ke-hoach.docx", document_views.plan_docx, name="plan_docx"),
    path("<int:pk>/<str:unit_code>/bao-cao.docx", document_views.progress_docx, name="progress_docx"),
]
