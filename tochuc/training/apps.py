from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "tochuc.training"
    label = "training"
    verbose_name = "Đào tạo, bồi dưỡng"
