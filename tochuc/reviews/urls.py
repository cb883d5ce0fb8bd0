from django.urls import path

from tochuc.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.period_list, name="list"),
    path("periods/new/", views.period_open, name="open"),
    path("periods/<str:code>/", views.period_detail, name="detail"),
    path("periods/<str:code>/remind/", views.period_remind, name="remind"),
    path("periods/<str:code>/sub-period/", views.period_open_below, name="open_below"),
    path("periods/<str:code>/issue/", views.period_issue, name="issue"),
    path("periods/<str:code>/consolidated.docx", views.consolidated_docx, name="consolidated_docx"),
    path("periods/<str:code>/figures.xlsx", views.figures_xlsx, name="figures_xlsx"),
    path("periods/<str:code>/units/<str:unit_code>/", views.report_page, name="report"),
    path("periods/<str:code>/units/<str:unit_code>/return/", views.report_return, name="report_return"),
    path("periods/<str:code>/units/<str:unit_code>/accept/", views.report_accept, name="report_accept"),
]
