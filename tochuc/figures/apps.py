from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "tochuc.figures"
    label = "figures"
    verbose_name = "Số liệu tổng hợp lưu sẵn"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tochuc.figures.triggers import ensure_after_migrate

        # SQLite rebuilds a table to alter it, and the table's triggers go with it:
        # after every migrate the triggers are put back if missing.
        post_migrate.connect(ensure_after_migrate, sender=self)
