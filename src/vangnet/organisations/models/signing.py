"""Sign-off before a letter leaves: which letters need it (a setting of the
municipality, `Municipality.signoff_kinds`) and the function a mandated signer signs
with (`Signatory`). The workflow itself is `vangnet.handling.signoff`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The letters a municipality may have signed before they leave: the ones a staff
#: member's step sends (the acknowledgement goes out by itself, with the status link).
#: The values are `letters.Letter.Kind`'s (a lower layer cannot import it; a test
#: checks they agree).
SIGNOFF_CHOICES = [
    ("conclusion", _("Afhandelingsbrief")),
    ("decline", _("Besluit niet in behandeling nemen")),
    ("informal_confirmation", _("Bevestiging informele afhandeling")),
    ("extension", _("Verdagingsbrief")),
    ("hearing_invitation", _("Uitnodiging horen")),
    ("hearing_record", _("Verslag van het horen")),
    ("forward_notice", _("Doorzendbericht")),
]
SIGNOFF_KINDS = {value for value, _label in SIGNOFF_CHOICES}


def default_signoff_kinds() -> list[str]:
    """On by default for the conclusion (Awb 9:12) and the 9:8 letter."""
    return ["conclusion", "decline"]


def validate_signoff_kinds(value) -> None:
    if not isinstance(value, list) or not all(isinstance(kind, str) for kind in value):
        raise ValidationError(_("Kies de soorten brieven uit de lijst."))
    unknown = sorted(set(value) - SIGNOFF_KINDS)
    if unknown:
        raise ValidationError(
            _("Onbekende soort brief: %(kinds)s."), params={"kinds": ", ".join(unknown)}
        )


class Signatory(models.Model):
    """The function a staff member signs letters with. Who may sign is a role
    (`core.roles.Role.SIGNER`, or the coordinator); the name is the user's full name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="signatory",
    )
    function = models.CharField(
        _("functie"),
        max_length=120,
        help_text=_("Staat onder de naam in brieven die deze medewerker ondertekent."),
    )

    class Meta:
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")

    def __str__(self) -> str:
        return f"{self.user} ({self.function})"

    def clean(self) -> None:
        super().clean()
        self.function = (self.function or "").strip()
        if not self.function:
            raise ValidationError({"function": _("Vul de functie in.")})
