from django.urls import path

from tochuc.reviews import expected_views, outgoing_views, views

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
    path("periods/<str:code>/expected/", expected_views.expected_page, name="expected"),
    path(
        "periods/<str:code>/units/<str:unit_code>/files/<int:file_id>/",
        expected_views.report_file,
        name="report_file",
    ),
    path(
        "periods/<str:code>/units/<str:unit_code>/files/<int:file_id>/remove/",
        expected_views.report_file_remove,
        name="report_file_remove",
    ),
    path("periods/<str:code>/dispatch/", outgoing_views.period_dispatch, name="dispatch"),
    path("incoming/", outgoing_views.incoming, name="incoming"),
    path("incoming/<int:pk>/acknowledge/", outgoing_views.acknowledge, name="acknowledge"),
]
