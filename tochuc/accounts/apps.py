from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tochuc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
