from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "vangnet.notifications"
    label = "notifications"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from vangnet.core.scheduler import register_daily_job

        from . import receivers  # noqa: F401  (connects to the signals of lower layers)

        register_daily_job("vangnet.notifications.warnings.warn_deadlines")
        register_daily_job("vangnet.notifications.digest.send_digests")
