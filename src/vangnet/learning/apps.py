from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "vangnet.learning"
    verbose_name = _("Leren van klachten")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
