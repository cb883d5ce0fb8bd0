from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tochuc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from tochuc.accounts import signin

        signin.connect_lockout()
