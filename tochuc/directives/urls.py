from django.urls import path

app_name = "directives"

urlpatterns: list[path] = []  # type: ignore[valid-type]
