from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "tochuc.proposals"
    label = "proposals"
    verbose_name = "Kiến nghị, đề xuất"
