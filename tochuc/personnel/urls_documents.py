"""The decision download; the integrator includes these inside the "personnel" namespace."""

from django.urls import path

from tochuc.personnel import document_views

urlpatterns = [
    path("procedures/<int:pk>/decision.docx", document_views.decision_docx, name="decision_docx"),
]
