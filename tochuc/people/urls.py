from tochuc.people import urls_import, urls_records

app_name = "people"

urlpatterns = [*urls_records.urlpatterns, *urls_import.urlpatterns]
