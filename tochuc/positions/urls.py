from django.urls import URLPattern, URLResolver

app_name = "positions"

urlpatterns: list[URLPattern | URLResolver] = []
