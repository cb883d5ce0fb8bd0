from django.apps import AppConfig


class OrgUnitsConfig(AppConfig):
    name = "tochuc.orgunits"
    label = "orgunits"
    verbose_name = "Tổ chức bộ máy"
