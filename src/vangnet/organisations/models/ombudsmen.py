"""The external second line (Awb 9:17 ff.): the ombudsmen, and the cost models and
cost terms an ombudsman asks and a body's arrangement agrees (the sums are in
`organisations.costs`)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CostModel(models.TextChoices):
    """How a second line is paid for (issue 6; the sums are in `organisations.costs`)."""

    PER_INHABITANT = "per_inhabitant", _("Bedrag per inwoner")
    CONTRIBUTION = (
        "contribution",
        _("Vaste bijdrage voor een aantal klachten, plus een prijs per extra klacht"),
    )
    FIXED = "fixed", _("Vast bedrag per jaar")
    NONE = "none", _("Geen eigen kosten (valt onder een andere regeling)")


class CostTerms(models.Model):
    """The terms of a cost model. `CostModel.NONE`: no cost of its own (say, the body
    is covered by another body's arrangement); blank: not known, so no cost can be
    worked out."""

    cost_model = models.CharField(
        _("kostenmodel"), max_length=20, choices=CostModel.choices, blank=True
    )
    amount_per_inhabitant = models.DecimalField(
        _("bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    yearly_amount = models.DecimalField(
        _("bedrag per jaar (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("De vaste bijdrage of het vaste bedrag per jaar."),
    )
    included_complaints = models.PositiveIntegerField(
        _("klachten in de bijdrage"),
        null=True,
        blank=True,
        help_text=_("Zoveel klachten per jaar vallen onder de vaste bijdrage."),
    )
    price_per_extra_complaint = models.DecimalField(
        _("prijs per extra klacht (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        abstract = True

    #: The fields each cost model needs.
    REQUIRED = {
        CostModel.PER_INHABITANT: ["amount_per_inhabitant"],
        CostModel.CONTRIBUTION: [
            "yearly_amount",
            "included_complaints",
            "price_per_extra_complaint",
        ],
        CostModel.FIXED: ["yearly_amount"],
    }

    def clean(self) -> None:
        super().clean()
        missing = {
            name: _("Vul dit in voor dit kostenmodel.")
            for name in self.REQUIRED.get(self.cost_model, [])
            if getattr(self, name) is None
        }
        if missing:
            raise ValidationError(missing)


class Ombudsman(CostTerms):
    """An external second line (Awb 9:17 ff.). Its cost terms are what it asks now: the
    scenario page compares them; what a body agreed is on its arrangement."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nationale ombudsman")
        JOINT = "joint", _("Gezamenlijke (regionale) ombudsman")
        OWN = "own", _("Eigen gemeentelijke ombudsman of ombudscommissie")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    address = models.TextField(_("postadres"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    petition_term_months = models.PositiveSmallIntegerField(
        _("termijn voor een verzoekschrift (maanden)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Awb 9:24: binnen een jaar na de afhandeling door de gemeente."),
    )
    # The qualitative comparison of seed 000, kept as text the coordinator edits.
    independence = models.TextField(_("onafhankelijkheid"), blank=True)
    local_involvement = models.TextField(_("lokale betrokkenheid"), blank=True)
    learning = models.TextField(_("lerend vermogen"), blank=True)
    reach = models.TextField(_("bereik en bekendheid"), blank=True)

    class Meta:
        verbose_name = _("ombudsman")
        verbose_name_plural = _("ombudsmannen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
