from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "vangnet.surveys"
    label = "surveys"
    verbose_name = _("Tevredenheid")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
