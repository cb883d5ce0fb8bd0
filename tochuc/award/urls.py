from django.urls import path

from tochuc.award import judging_views, views

app_name = "award"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_new, name="round_new"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/entries/new/", views.entry_new, name="entry_new"),
    path("<int:pk>/entries/<int:entry_pk>/scan/", views.entry_scan, name="entry_scan"),
    path("<int:pk>/jurors/new/", views.juror_new, name="juror_new"),
    path("<int:pk>/jurors/<int:juror_pk>/relations/", views.relation_new, name="relation_new"),
    path("<int:pk>/step/", views.step, name="step"),
    path("<int:pk>/sheet/", judging_views.sheet, name="sheet"),
    path("<int:pk>/entries/<int:entry_pk>/score/", judging_views.score, name="score"),
    path("<int:pk>/results/", judging_views.results, name="results"),
    path("<int:pk>/results.docx", judging_views.results_docx, name="results_docx"),
    path("<int:pk>/entries.xlsx", judging_views.entries_xlsx, name="entries_xlsx"),
]
