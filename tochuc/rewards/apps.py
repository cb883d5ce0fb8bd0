from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "tochuc.rewards"
    label = "rewards"
    verbose_name = "Khen thưởng, kỷ luật"
