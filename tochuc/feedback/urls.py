from django.urls import path

from tochuc.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("export.xlsx", views.feedback_export, name="export"),
    path("press/new/", views.press_new, name="press_new"),
    path("<int:pk>/", views.feedback_detail, name="detail"),
    path("<int:pk>/answer/", views.feedback_answer, name="answer"),
    path("<int:pk>/publish/", views.feedback_publish, name="publish"),
    path("<int:pk>/sender/", views.feedback_reveal, name="reveal"),
    path("<int:pk>/files/<int:file_id>/", views.feedback_file, name="file"),
]
