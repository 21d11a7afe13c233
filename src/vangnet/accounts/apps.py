from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "vangnet.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from .second_factor import remember_device_at_login

        user_logged_in.connect(remember_device_at_login, dispatch_uid="vangnet_second_factor")
