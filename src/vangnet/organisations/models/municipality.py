"""The municipality running this installation (one row): its name, contact details and
house style, its local complaint policy terms (Awb sets none for these), and its
inhabitant count per year (what a per-inhabitant second line costs)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .signing import default_signoff_kinds, validate_signoff_kinds

LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 1024 * 1024


def logo_content_type(file) -> str | None:
    """PNG or JPEG, read from the file's first bytes; None for anything else (SVG is
    refused: it can carry scripts)."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    return next((kind for magic, kind in LOGO_TYPES.items() if head.startswith(magic)), None)


def validate_logo(file) -> None:
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Het logo mag hoogstens 1 MB zijn."))
    if logo_content_type(file) is None:
        raise ValidationError(_("Kies een logo als PNG- of JPG-bestand."))


colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #RRGGBB, bijvoorbeeld #1d4f91.")
)


class Municipality(models.Model):
    """The municipality running this installation (one row) and its complaint policy."""

    name = models.CharField(_("naam"), max_length=100)
    short_name = models.CharField(
        _("korte naam"), max_length=50, blank=True, help_text=_("Bijvoorbeeld zonder 'Gemeente'.")
    )
    address = models.TextField(_("postadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail klachten"), blank=True)
    website = models.URLField(_("website"), blank=True)
    report_url = models.URLField(
        _("meldingen doen"),
        blank=True,
        help_text=_("Waar inwoners iets kapots of vies in de openbare ruimte melden."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="branding/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG of JPG, hoogstens 1 MB; staat links boven op elke pagina."),
    )
    primary_colour = models.CharField(
        _("hoofdkleur"), max_length=7, default="#1d4f91", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accentkleur"), max_length=7, default="#f2a900", validators=[colour_validator]
    )
    # Local policy terms (Awb sets none for these; see domain.md).
    acknowledge_working_days = models.PositiveSmallIntegerField(
        _("ontvangstbevestiging binnen (werkdagen)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    first_contact_working_days = models.PositiveSmallIntegerField(
        _("eerste contact binnen (werkdagen)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    due_soon_working_days = models.PositiveSmallIntegerField(
        _("signaal 'bijna verlopen' (werkdagen vooraf)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    partner_escalation_working_days = models.PositiveSmallIntegerField(
        _("partner escaleren na herinnering (werkdagen)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "Heeft een partner na de herinnering nog niet geantwoord, dan krijgt de "
            "klachtcoördinator na zoveel werkdagen een melding."
        ),
    )
    reminder_hour = models.PositiveSmallIntegerField(
        _("dagelijkse herinneringen om (uur)"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_("Het uur (Nederlandse tijd) waarop de herinneringen van de dag uitgaan."),
    )
    handlers_may_pick_up = models.BooleanField(
        _("behandelaars mogen klachten van hun afdeling oppakken"),
        default=False,
        help_text=_(
            "Een behandelaar ziet dan in ‘Mijn werk’ de open klachten van de eigen afdeling "
            "zonder behandelaar, en kan er zelf een oppakken (nooit een klacht over zichzelf)."
        ),
    )
    partner_report_frequency = models.CharField(
        _("partners geven hun cijfers door"),
        max_length=10,
        # Periods per frequency: vangnet.partnerportal.figures.
        choices=[
            ("year", _("Per jaar")),
            ("half_year", _("Per halfjaar")),
            ("quarter", _("Per kwartaal")),
        ],
        default="quarter",
        help_text=_(
            "Hoe vaak samenwerkingspartners hun klachtcijfers doorgeven in het partnerportaal."
        ),
    )
    signoff_kinds = models.JSONField(
        _("brieven die ondertekend worden"),
        default=default_signoff_kinds,
        blank=True,
        validators=[validate_signoff_kinds],
        help_text=_(
            "Deze brieven gaan pas weg als de klachtcoördinator of een gemandateerd "
            "ondertekenaar ze heeft goedgekeurd; de brief noemt dan diens naam en functie."
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeente")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not self.pk and Municipality.objects.exists():
            raise ValidationError(_("Er is al een gemeente ingesteld; pas die aan."))

    @classmethod
    def current(cls) -> "Municipality":
        """The configured municipality, or an unsaved default one on a fresh install."""
        municipality = cls.objects.order_by("pk").first()
        return municipality or cls(name="Gemeente")

    def inhabitants_in(self, year: int) -> int | None:
        row = self.inhabitant_counts.filter(year=year).first() if self.pk else None
        return row.inhabitants if row else None


class InhabitantCount(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="inhabitant_counts"
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    inhabitants = models.PositiveIntegerField(_("inwoners"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="one_inhabitant_count_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.inhabitants}"
