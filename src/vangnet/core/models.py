from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A staff member. The role is a group (see `Role`); a handler belongs to a
    department, a partner user to a partner."""

    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        """Names of the roles (groups) this user has; cached on the instance."""
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            if not self.is_active or not self.pk:
                cached = frozenset()
            else:
                cached = frozenset(self.groups.values_list("name", flat=True))
            self._roles_cache = cached
        return cached

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    def clean(self) -> None:
        super().clean()
        if self.partner_id and self.department_id:
            raise ValidationError(
                {
                    "partner": _(
                        "Een medewerker hoort bij een afdeling óf bij een partner, "
                        "niet bij allebei."
                    )
                }
            )


class DecreeDay(models.Model):
    """A day that a royal decree equates with a recognised holiday (Atw art. 3 lid 3),
    e.g. the Friday after Ascension Day in a given year."""

    date = models.DateField(_("datum"), unique=True)
    description = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        verbose_name = _("bij Koninklijk Besluit aangewezen dag")
        verbose_name_plural = _("bij Koninklijk Besluit aangewezen dagen")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.description}"

    def clean(self) -> None:
        super().clean()
        if self.date and self.date.weekday() >= 5:
            raise ValidationError(
                {"date": _("Dit is al een zaterdag of zondag; een extra dag is dan niet nodig.")}
            )
        if self.date:
            from .calendar import atw_holidays

            if self.date in atw_holidays(self.date.year):
                raise ValidationError({"date": _("Deze dag is al een algemeen erkende feestdag.")})


class DailyRun(models.Model):
    """A daily job done for a day (`core/scheduler.py`): the guard that runs each job at
    most once per day however many schedulers run. The row is written in the job's own
    transaction, so it exists only when the job's work was committed; a job that failed
    leaves no row and is tried again."""

    job = models.CharField(_("taak"), max_length=200)
    day = models.DateField(_("dag"))
    ran_at = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True)
    messages = models.PositiveIntegerField(_("berichten"), default=0)

    class Meta:
        verbose_name = _("dagelijkse taak")
        verbose_name_plural = _("dagelijkse taken")
        ordering = ["-day", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="one_daily_run_per_job_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.job}"
