from django.urls import path

from tochuc.inspections import signal_views, views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("signals/", signal_views.signals, name="signals"),
    path("new/", views.inspection_new, name="new"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("<str:code>/", views.inspection_detail, name="detail"),
    path("<str:code>/members/", views.member_add, name="member_add"),
    path("<str:code>/steps/<str:step>/", views.step_record, name="step"),
    path("<str:code>/conclusion/", views.conclude, name="conclude"),
    path("<str:code>/conclusion.docx", views.conclusion_docx, name="conclusion_docx"),
]
