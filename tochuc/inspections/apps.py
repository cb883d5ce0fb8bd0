from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "tochuc.inspections"
    label = "inspections"
    verbose_name = "Kiểm tra, giám sát"
