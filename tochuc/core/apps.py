from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "tochuc.core"
    label = "core"

    def ready(self) -> None:
        if "replica" in settings.DATABASES:
            from tochuc.core.db_router import connect_task_signals

            connect_task_signals()
