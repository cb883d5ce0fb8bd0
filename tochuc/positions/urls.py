from django.urls import path

from tochuc.positions import title_views, views

app_name = "positions"

urlpatterns = [
    path("", views.position_list, name="list"),
    path("new/", views.position_create, name="create"),
    path("reports/", views.report_page, name="reports"),
    path("reports/<slug:table>.xlsx", views.report_export, name="report_export"),
    path("<int:pk>/", views.position_detail, name="detail"),
    path("<int:pk>/edit/", views.position_edit, name="edit"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
    path("duties/<int:pk>/holder/", views.duty_holder, name="duty_holder"),
    path("titles/", title_views.title_list, name="titles"),
    path("titles/<int:pk>/rename/", title_views.title_rename, name="title_rename"),
    path("titles/<int:pk>/retire/", title_views.title_retire, name="title_retire"),
]
