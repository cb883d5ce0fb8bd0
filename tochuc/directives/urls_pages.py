from django.urls import path

from tochuc.directives import views

urlpatterns = [
    path("", views.directive_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("new/scan/<uuid:pk>/", views.recognition, name="recognition"),
    path("new/<str:token>/", views.review, name="review"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("on-time/", views.on_time, name="on_time"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/matrix/", views.matrix, name="matrix"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/assign/", views.task_assign, name="task_assign"),
    path("tasks/<int:pk>/break-down/", views.task_break_down, name="task_break_down"),
    path("tasks/<int:pk>/progress/", views.progress_submit, name="progress_submit"),
    path("tasks/<int:pk>/quality/", views.task_rate, name="task_rate"),
]
