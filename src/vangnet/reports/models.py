"""What the reports app stores: only the coordinator's own texts for the annual report.
The figures themselves are never stored; `kpis.compute` derives them from the register."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportText(models.Model):
    """The coordinator's texts for one year's report, about one body or (body empty) all
    bodies: written for publication, shown in both variants."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("bestuursorgaan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_texts",
        help_text=_("Leeg: het verslag over alle bestuursorganen."),
    )
    foreword = models.TextField(_("voorwoord"), blank=True)
    lessons = models.TextField(_("lessen"), blank=True)
    measures = models.TextField(_("maatregelen"), blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tekst bij het jaarverslag")
        verbose_name_plural = _("teksten bij het jaarverslag")
        ordering = ["-year", "body__name"]
        constraints = [
            # NULL is never equal to NULL in a plain unique constraint, so "all bodies"
            # needs its own, conditional one.
            models.UniqueConstraint(
                fields=["year", "body"],
                condition=Q(body__isnull=False),
                name="reporttext_one_per_year_and_body",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(body__isnull=True),
                name="reporttext_one_per_year_for_all_bodies",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} – {self.body or _('alle bestuursorganen')}"

    @property
    def is_empty(self) -> bool:
        return not (self.foreword.strip() or self.lessons.strip() or self.measures.strip())

    @classmethod
    def for_report(cls, year: int, body_id: int | None) -> "ReportText":
        """The texts of a report, or an unsaved empty one."""
        found = cls.objects.filter(year=year, body_id=body_id).first()
        return found or cls(year=year, body_id=body_id)
