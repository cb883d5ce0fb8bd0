from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tochuc.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
