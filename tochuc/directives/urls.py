from django.urls import include, path

app_name = "directives"

urlpatterns = [
    path("", include("tochuc.directives.urls_pages")),
    path("documents/", include("tochuc.directives.urls_documents")),
]
