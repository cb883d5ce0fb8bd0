from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tochuc.people"
    label = "people"
    verbose_name = "Cán bộ, đảng viên"
