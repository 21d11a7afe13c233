"""In-app notifications for staff, and how each user wants each kind delivered."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("Klacht aan u toegewezen")
    INFORMATION_ADDED = "information_added", _("Aanvulling van de indiener")
    WITHDRAWN = "withdrawn", _("Klacht ingetrokken door de indiener")
    PARTNER_REPLIED = "partner_replied", _("Antwoord van een partner")
    EMAIL_FAILED = "email_failed", _("E-mail niet afgeleverd")
    DEADLINE = "deadline", _("Termijn verloopt binnenkort")
    NOT_SENT = "not_sent", _("Kopie of brief niet verstuurd")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Meteen per e-mail")
    DIGEST = "digest", _("In de dagelijkse samenvatting per e-mail")
    APP = "app", _("Alleen in Vangnet")


#: The delivery of a kind for a user who did not choose one.
DEFAULT_DELIVERY: dict[str, str] = {
    Kind.ASSIGNED: Delivery.IMMEDIATE,
    Kind.INFORMATION_ADDED: Delivery.DIGEST,
    Kind.WITHDRAWN: Delivery.DIGEST,
    Kind.PARTNER_REPLIED: Delivery.IMMEDIATE,
    Kind.EMAIL_FAILED: Delivery.DIGEST,
    Kind.DEADLINE: Delivery.DIGEST,
    Kind.NOT_SENT: Delivery.DIGEST,
}


class Notification(models.Model):
    """One thing a staff user is told about a complaint. `delivery` is the user's choice
    when it was made: `emailed_at` is set when the e-mail went at once, `digested_at`
    when the daily digest took it (or passed it by: read already, no address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.TextField(_("tekst"))
    delivery = models.CharField(_("bezorging"), max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    digested_at = models.DateTimeField(_("in samenvatting op"), null=True, blank=True)
    #: For a deadline warning: which deadline (`decide_by` …) and its date, so that the
    #: daily job warns once per complaint per deadline.
    deadline = models.CharField(_("termijn"), max_length=30, blank=True)
    deadline_on = models.DateField(_("termijn op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["complaint", "kind", "deadline", "deadline_on"],
                name="notification_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A user's choice of delivery for one kind (no row: `DEFAULT_DELIVERY`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("bezorging"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.delivery}"
