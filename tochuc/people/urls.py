from django.urls import include, path

app_name = "people"

urlpatterns = [
    path("", include("tochuc.people.urls_pages")),
    path("", include("tochuc.people.urls_import")),
]
