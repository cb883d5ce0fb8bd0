from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "tochuc.personnel"
    label = "personnel"
    verbose_name = "Quy hoạch, bổ nhiệm, luân chuyển"
