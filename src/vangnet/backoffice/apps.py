from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "vangnet.backoffice"
    label = "backoffice"
    verbose_name = "Backoffice"
