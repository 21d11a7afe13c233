from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "vangnet.complaints"
    label = "complaints"
    verbose_name = _("Klachten")

    def ready(self) -> None:
        from . import permissions, signals  # noqa: F401  (registers the rules, the receivers)
