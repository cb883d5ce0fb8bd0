from django.urls import include, path

app_name = "evaluations"

urlpatterns = [
    path("", include("tochuc.evaluations.urls_pages")),
    path("analytics/", include("tochuc.evaluations.urls_analytics")),
    path("documents/", include("tochuc.evaluations.urls_documents")),
]
