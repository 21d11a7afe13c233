"""The municipality, its bodies and departments, the partners that carry out public
tasks for it, the ombudsmen, the second-line arrangement of each body, and the theme
taxonomy. Everything here is configuration: nothing about one municipality is in code."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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


class Department(models.Model):
    name = models.CharField(_("naam"), max_length=150, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A two-level taxonomy: a main theme (no parent) and its sub-themes."""

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam (URL)"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoofdthema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    synonyms = models.TextField(
        _("zoekwoorden"),
        blank=True,
        help_text=_("Woorden die inwoners gebruiken, gescheiden door komma's."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["parent__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_theme_name_per_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    @property
    def synonym_list(self) -> list[str]:
        return [word.strip() for word in self.synonyms.split(",") if word.strip()]

    def clean(self) -> None:
        super().clean()
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError(
                    {"parent": _("Een thema kan niet zijn eigen hoofdthema zijn.")}
                )
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Kies een hoofdthema; thema's hebben maar twee niveaus.")}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {
                        "parent": _(
                            "Dit thema heeft zelf subthema's en kan daarom geen subthema worden."
                        )
                    }
                )


class Partner(models.Model):
    """An organisation carrying out public tasks for the municipality (seed 002)."""

    class Regime(models.TextChoices):
        NONE = "", _("Eigen klachtenregeling")
        WMO = "wmo", _("Wmo 2015 (art. 3.2)")
        JEUGDWET = "jeugdwet", _("Jeugdwet")
        WKKGZ = "wkkgz", _("Wkkgz")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("korte naam (URL)"), max_length=150, unique=True)
    description = models.TextField(_("wat doet deze partner"), blank=True)
    public_tasks = models.TextField(
        _("publieke taken"), help_text=_("De taken die de partner voor de gemeente uitvoert.")
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("domeinen"), blank=True, related_name="partners"
    )
    complaint_email = models.EmailField(_("e-mail voor klachten"), blank=True)
    complaint_phone = models.CharField(_("telefoon voor klachten"), max_length=30, blank=True)
    complaint_address = models.TextField(_("postadres voor klachten"), blank=True)
    complaint_form_url = models.URLField(_("webformulier voor klachten"), blank=True)
    complaint_procedure = models.TextField(
        _("klachtenprocedure"), blank=True, help_text=_("Hoe de partner klachten behandelt.")
    )
    complaint_term_weeks = models.PositiveSmallIntegerField(
        _("afhandeltermijn (weken)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    regime = models.CharField(
        _("wettelijke klachtenregeling"), max_length=20, choices=Regime.choices, blank=True
    )
    confidential_advisor = models.TextField(
        _("vertrouwenspersoon"),
        blank=True,
        help_text=_("Naam en contactgegevens; verplicht bij Wmo en Jeugdwet."),
    )
    forward_email = models.EmailField(
        _("e-mail voor doorgestuurde klachten"),
        blank=True,
        help_text=_(
            "Waar de gemeente klachten over deze partner naartoe stuurt, met een link om "
            "te antwoorden. Leeg: het e-mailadres voor klachten."
        ),
    )
    reply_term_working_days = models.PositiveSmallIntegerField(
        _("termijn terugkoppeling (werkdagen)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Binnen hoeveel werkdagen de partner laat weten wat hij met een "
            "doorgestuurde klacht deed."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("samenwerkingspartner")
        verbose_name_plural = _("samenwerkingspartners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def forward_address(self) -> str:
        """Where forwarded complaints are e-mailed ('' when the partner has no e-mail)."""
        return self.forward_email or self.complaint_email

    def clean(self) -> None:
        super().clean()
        if not any(
            [
                self.complaint_email,
                self.complaint_phone,
                self.complaint_address,
                self.complaint_form_url,
            ]
        ):
            raise ValidationError(
                _("Vul minstens één manier in waarop inwoners bij deze partner kunnen klagen.")
            )
        if self.regime in {self.Regime.WMO, self.Regime.JEUGDWET} and not self.confidential_advisor:
            raise ValidationError(
                {"confidential_advisor": _("Bij Wmo en Jeugdwet hoort een vertrouwenspersoon.")}
            )


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
