from django.urls import path

app_name = "evaluations"

urlpatterns: list[path] = []  # type: ignore[valid-type]
