"""The staff roles of Vangnet, each a Django group. Permission predicates live in
`vangnet.core.permissions`; this module only names the roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Klachtcoördinator")
    HANDLER = "handler", _("Klachtbehandelaar")
    PARTNER = "partner", _("Medewerker samenwerkingspartner")
    VIEWER = "viewer", _("Raad / analist")
    ADMINISTRATOR = "administrator", _("Beheerder")
    #: Signs letters that need sign-off (`Municipality.signoff_kinds`), as the
    #: coordinator does; their function: `organisations.Signatory`.
    SIGNER = "signer", _("Gemandateerd ondertekenaar")
