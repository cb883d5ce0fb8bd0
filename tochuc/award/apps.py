from django.apps import AppConfig


class AwardConfig(AppConfig):
    name = "tochuc.award"
    label = "award"
    verbose_name = "Giải Búa liềm vàng"
