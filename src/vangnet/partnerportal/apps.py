from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPortalConfig(AppConfig):
    """What a partner user sees and submits: the complaints forwarded to their partner
    and the reply; and the reply link for partners without an account."""

    name = "vangnet.partnerportal"
    label = "partnerportal"
    verbose_name = _("Partnerportaal")
