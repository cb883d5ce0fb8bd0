from django.urls import include, path

app_name = "people"

urlpatterns = [
    path("", include("tochuc.people.urls_records")),
    path("", include("tochuc.people.urls_import")),
]
