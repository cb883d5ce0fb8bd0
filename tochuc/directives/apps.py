from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "tochuc.directives"
    label = "directives"
    verbose_name = "Văn bản chỉ đạo, nhiệm vụ"
