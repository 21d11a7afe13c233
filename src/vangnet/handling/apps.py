from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingConfig(AppConfig):
    name = "vangnet.handling"
    label = "handling"
    verbose_name = _("Behandeling")

    def ready(self) -> None:
        from vangnet.core.scheduler import register_daily_job

        from . import actions  # noqa: F401  (registers every action)

        register_daily_job("vangnet.handling.reminders.send_daily_reminders")
        register_daily_job("vangnet.handling.forwarding.remind_partners")
