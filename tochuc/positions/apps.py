from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "tochuc.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"
