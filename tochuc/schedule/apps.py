from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "tochuc.schedule"
    label = "schedule"
    verbose_name = "Công việc hằng ngày"
