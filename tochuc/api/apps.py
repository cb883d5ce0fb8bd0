from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tochuc.api"
    label = "api"
