"""Who does the work and what it is about: the municipality's departments, the
two-level theme taxonomy, and the partners that carry out public tasks for the
municipality (with their own complaint procedure)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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
