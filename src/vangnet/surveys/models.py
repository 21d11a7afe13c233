"""Satisfaction after closing: one short survey per closing of a complaint.

`SurveyInvitation` is the secret link e-mailed to the complainant when a complaint is
closed; like a status link (`vangnet.public.statuslinks`) only the SHA-256 hash of its
token is stored. `SurveyResponse` is the answer to the two questions. An unhappy
answer (1 or 2) waits for the coordinator, who marks it seen or reopens the complaint
(`handled_at`, `handled_by`, `handling`). `vangnet.surveys.services` writes both.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.workflow import Outcome

#: The longest answer to "Wat kunnen wij beter doen?".
COMMENT_MAX = 2000


class Satisfaction(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Zeer ontevreden")
    DISSATISFIED = 2, _("Ontevreden")
    NEUTRAL = 3, _("Niet tevreden en niet ontevreden")
    SATISFIED = 4, _("Tevreden")
    VERY_SATISFIED = 5, _("Zeer tevreden")


#: Answers the coordinator looks at: they may lead to reopening the complaint.
UNHAPPY = (Satisfaction.VERY_DISSATISFIED, Satisfaction.DISSATISFIED)


class SurveyInvitation(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    token_hash = models.CharField(_("hash van de code"), max_length=64, unique=True)
    sent_to = models.EmailField(_("verstuurd naar"))
    # The outcome of the closing asked about (a reopened complaint may end otherwise).
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices)
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging tevredenheidsvragen")
        verbose_name_plural = _("uitnodigingen tevredenheidsvragen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.created_at:%Y-%m-%d %H:%M}"

    def is_open(self, now=None) -> bool:
        """Can still be answered: not answered and not expired."""
        return self.answered_at is None and self.expires_at > (now or timezone.now())


class SurveyResponse(models.Model):
    class Handling(models.TextChoices):
        SEEN = "seen", _("Gezien")
        REOPENED = "reopened", _("Klacht heropend")

    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("uitnodiging"),
        on_delete=models.CASCADE,
        related_name="response",
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("tevredenheid"),
        choices=Satisfaction.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("wat kunnen wij beter doen"), max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(_("beantwoord op"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handling = models.CharField(
        _("afhandeling"), max_length=10, choices=Handling.choices, blank=True
    )

    class Meta:
        verbose_name = _("antwoord tevredenheidsvragen")
        verbose_name_plural = _("antwoorden tevredenheidsvragen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="survey_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(handled_at__isnull=True, handling="")
                | (models.Q(handled_at__isnull=False) & ~models.Q(handling="")),
                name="survey_handled_with_how",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(handled_at__isnull=True, satisfaction__lte=2),
                name="survey_unhappy_unhandled",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id} {self.get_satisfaction_display()}"

    @property
    def is_unhappy(self) -> bool:
        return self.satisfaction in UNHAPPY

    @property
    def complaint(self):
        return self.invitation.complaint
