from django.urls import path

from tochuc.training import course_views, views

app_name = "training"

urlpatterns = [
    path("needs/", views.needs_list, name="needs"),
    path("reports/", views.reports, name="reports"),
    path("reports/<str:code>.xlsx", views.report_export, name="report_export"),
    path("courses/", course_views.course_list, name="courses"),
    path("courses/new/", course_views.course_create, name="course_create"),
    path("courses/<str:code>/", course_views.course_detail, name="course"),
    path("courses/<str:code>/nominate/", course_views.course_nominate, name="course_nominate"),
    path("courses/<str:code>/results/", course_views.course_results, name="course_results"),
    path("plans/", course_views.plan_list, name="plans"),
    path("plans/new/", course_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", course_views.plan_detail, name="plan"),
    path("requests/new/", course_views.request_create, name="request_create"),
]
