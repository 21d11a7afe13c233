"""Forwards of a complaint to a partner and what the partner reported back (seed 002):
the municipality stays responsible until then."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .register import Complaint


class PartnerOutcome(models.TextChoices):
    """What a partner reports back about a forwarded complaint."""

    RESOLVED = "resolved", _("Opgelost met de indiener")
    WELL_FOUNDED = "well_founded", _("Klacht terecht, maatregel genomen")
    UNFOUNDED = "unfounded", _("Klacht niet terecht")
    HANDLED_BY_OWN_PROCEDURE = "own_procedure", _("In behandeling volgens eigen klachtenregeling")
    NOT_REACHED = "not_reached", _("Indiener niet bereikt")
    NOT_OURS = "not_ours", _("Gaat niet over ons")


class Forward(models.Model):
    """A complaint forwarded to a partner. The municipality stays responsible; the
    partner's users see the complaint from now on."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="forwards")
    partner = models.ForeignKey(
        "organisations.Partner", on_delete=models.PROTECT, related_name="forwards"
    )
    forwarded_on = models.DateField(_("doorgestuurd op"))
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)

    # Sent to the partner by e-mail with a secret reply link (only its hash is kept).
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    reply_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    reply_due_on = models.DateField(_("terugkoppeling uiterlijk"), null=True, blank=True)
    reminded_on = models.DateField(_("herinnering gestuurd op"), null=True, blank=True)
    escalated_on = models.DateField(_("geëscaleerd op"), null=True, blank=True)
    # What the partner reported back.
    replied_at = models.DateTimeField(_("teruggekoppeld op"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggekoppeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_by_name = models.CharField(_("naam van wie terugkoppelde"), max_length=150, blank=True)
    reply_action = models.TextField(_("wat de partner deed"), blank=True)
    reply_outcome = models.CharField(
        _("uitkomst bij de partner"), max_length=30, choices=PartnerOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("doorsturing")
        verbose_name_plural = _("doorsturingen")
        ordering = ["forwarded_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "partner"], name="one_forward_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.complaint} → {self.partner}"
