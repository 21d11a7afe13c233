"""The bestuursorganen a complaint is addressed to, and each body's second-line
arrangement over time: which ombudsman it is connected to from a date on, and on what
cost terms."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from .ombudsmen import CostTerms, Ombudsman


class Body(models.Model):
    """A bestuursorgaan: who a complaint is legally addressed to."""

    class Kind(models.TextChoices):
        COLLEGE = "college", _("College van burgemeester en wethouders")
        MAYOR = "burgemeester", _("Burgemeester")
        COUNCIL = "raad", _("Gemeenteraad")
        OTHER = "other", _("Ander bestuursorgaan")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    is_default = models.BooleanField(
        _("standaard"),
        default=False,
        help_text=_("Klachten gaan naar dit bestuursorgaan als niets anders is gekozen."),
    )
    advisory_committee = models.CharField(
        _("klachtadviescommissie (Awb 9:14)"),
        max_length=200,
        blank=True,
        help_text=_(
            "De naam van de commissie of persoon die over klachten adviseert, als die er is. "
            "De ontvangstbevestiging noemt haar (Awb 9:13)."
        ),
    )

    class Meta:
        verbose_name = _("bestuursorgaan")
        verbose_name_plural = _("bestuursorganen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_body"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def arrangement_on(self, day: date) -> "SecondLineArrangement | None":
        """The second-line arrangement in effect on `day`."""
        return (
            self.arrangements.filter(effective_from__lte=day)
            .select_related("ombudsman")
            .order_by("-effective_from")
            .first()
        )


class SecondLineArrangement(CostTerms):
    """Which ombudsman a body is connected to from a date on, and on what cost terms. A
    body has exactly one at a time: the row with the latest `effective_from` not after
    the day in question. New terms with the same ombudsman are a new row."""

    body = models.ForeignKey(
        Body,
        verbose_name=_("bestuursorgaan"),
        on_delete=models.CASCADE,
        related_name="arrangements",
    )
    ombudsman = models.ForeignKey(
        Ombudsman,
        verbose_name=_("ombudsman"),
        on_delete=models.PROTECT,
        related_name="arrangements",
    )
    effective_from = models.DateField(_("geldt vanaf"))
    notes = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("tweedelijnsvoorziening")
        verbose_name_plural = _("tweedelijnsvoorzieningen")
        ordering = ["body", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "effective_from"], name="one_arrangement_per_body_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} → {self.ombudsman} ({self.effective_from:%d-%m-%Y})"
