from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "tochuc.home"
    label = "home"
    verbose_name = "Trang chủ"
