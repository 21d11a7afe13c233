"""The partners' own complaint figures (issue 5, part 5; seed 002, recommendation 4).

A `PartnerReport` is what one partner reported for one period: one `PartnerReportLine`
per theme (theme empty = other/unknown). A correction is a new version of the report;
the previous one is kept with `is_current` off, so the history stays visible. The rules
(which periods exist, the sums that must add up, who may submit) live in
`vangnet.partnerportal.figures`; the KPI module reads only current reports.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    YEAR = "Y", _("Heel jaar")
    H1 = "H1", _("Eerste halfjaar")
    H2 = "H2", _("Tweede halfjaar")
    Q1 = "Q1", _("Eerste kwartaal")
    Q2 = "Q2", _("Tweede kwartaal")
    Q3 = "Q3", _("Derde kwartaal")
    Q4 = "Q4", _("Vierde kwartaal")


class Source(models.TextChoices):
    FORM = "form", _("Formulier")
    UPLOAD = "upload", _("CSV-bestand")
    API = "api", _("API")


class PartnerReport(models.Model):
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartner"),
        on_delete=models.PROTECT,
        related_name="figure_reports",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    period = models.CharField(_("periode"), max_length=2, choices=Period.choices)
    period_start = models.DateField(_("eerste dag"))
    period_end = models.DateField(_("laatste dag"))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    is_current = models.BooleanField(_("geldende versie"), default=True)
    submitted_at = models.DateTimeField(_("doorgegeven op"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorgegeven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("hoe"), max_length=10, choices=Source.choices)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("cijfers van een partner")
        verbose_name_plural = _("cijfers van partners")
        ordering = ["partner__name", "-period_start", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "period_start", "period_end", "version"],
                name="one_partner_report_per_version",
            ),
            models.UniqueConstraint(
                fields=["partner", "period_start", "period_end"],
                condition=models.Q(is_current=True),
                name="one_current_partner_report",
            ),
        ]
        indexes = [models.Index(fields=["period_start", "period_end"])]

    def __str__(self) -> str:
        return f"{self.partner} {self.period_label} (v{self.version})"

    @property
    def period_label(self) -> str:
        return f"{self.year}" if self.period == Period.YEAR else f"{self.year}-{self.period}"


class PartnerReportLine(models.Model):
    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="lines")
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received = models.PositiveIntegerField(_("ontvangen"), default=0)
    handled = models.PositiveIntegerField(_("afgehandeld"), default=0)
    resolved_informally = models.PositiveIntegerField(_("informeel opgelost"), default=0)
    decided_formally = models.PositiveIntegerField(_("formeel afgehandeld"), default=0)
    not_handled = models.PositiveIntegerField(_("niet in behandeling"), default=0)
    withdrawn = models.PositiveIntegerField(_("ingetrokken"), default=0)
    well_founded = models.PositiveIntegerField(_("gegrond"), default=0)
    partly_well_founded = models.PositiveIntegerField(_("deels gegrond"), default=0)
    unfounded = models.PositiveIntegerField(_("ongegrond"), default=0)
    no_judgment = models.PositiveIntegerField(_("geen oordeel"), default=0)

    class Meta:
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        ordering = ["report", "theme__parent__name", "theme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "theme"], name="one_line_per_theme_per_report"
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(theme__isnull=True),
                name="one_other_line_per_report",
            ),
        ]

    def __str__(self) -> str:
        return str(self.theme or _("Overig/onbekend"))


class FiguresReminder(models.Model):
    """A reminder e-mailed to a partner that had not reported for a period."""

    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartner"),
        on_delete=models.CASCADE,
        related_name="figure_reminders",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    period = models.CharField(_("periode"), max_length=2, choices=Period.choices)
    sent_at = models.DateTimeField(_("verstuurd op"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_to = models.TextField(_("verstuurd naar"), blank=True)

    class Meta:
        verbose_name = _("herinnering cijfers")
        verbose_name_plural = _("herinneringen cijfers")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["year", "period"])]

    def __str__(self) -> str:
        return f"{self.partner} {self.year}-{self.period} {self.sent_at:%d-%m-%Y}"
