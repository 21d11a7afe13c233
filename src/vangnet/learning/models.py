"""Learning from complaints (issue 6): the lesson of a closed complaint, improvement
measures, rule bottlenecks, case discussions; and the second line: ombudsman cases and
their recommendations. The cost of the second line is in `organisations.costs`."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cause(models.Model):
    """A cause a handler can choose when closing a complaint (configurable list)."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("oorzaak")
        verbose_name_plural = _("oorzaken")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Lesson(models.Model):
    """What a complaint taught: its cause, the lessons and the Behoorlijkheidswijzer
    norms concerned (codes of `complaints.norms.NORMS`). One per complaint; recording
    it again (after a reopening) updates it."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="lesson"
    )
    cause = models.ForeignKey(
        Cause, verbose_name=_("oorzaak"), on_delete=models.PROTECT, related_name="lessons"
    )
    lessons = models.TextField(_("geleerde lessen"), blank=True)
    norms = models.JSONField(_("normen"), default=list, blank=True)
    recorded_on = models.DateField(_("vastgelegd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        ordering = ["-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.cause}"

    @property
    def norm_labels(self) -> list[str]:
        from vangnet.complaints.norms import labels

        return labels(self.norms)


class OwnedByOrganisation(models.Model):
    """Owned by exactly one department or one partner."""

    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def owner(self):
        return self.department or self.partner


class Measure(OwnedByOrganisation):
    """An improvement measure: who does what by when, and which complaints led to it.
    `closed_on` is set when it is done or cancelled, so its state on any past day can
    be read back (the report counts measures overdue at the end of a period)."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In uitvoering")
        DONE = "done", _("Uitgevoerd")
        CANCELLED = "cancelled", _("Vervallen")

    OPEN_STATES = (State.OPEN, State.IN_PROGRESS)

    title = models.CharField(_("maatregel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    due_on = models.DateField(_("gereed uiterlijk"))
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.OPEN)
    result = models.TextField(_("resultaat"), blank=True)
    opened_on = models.DateField(_("afgesproken op"))
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    complaints = models.ManyToManyField(
        "complaints.Complaint",
        verbose_name=_("klachten"),
        blank=True,
        related_name="improvement_measures",
    )
    reminded_on = models.DateField(_("herinnering gestuurd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verbetermaatregel")
        verbose_name_plural = _("verbetermaatregelen")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False, department__isnull=True)
                | models.Q(partner__isnull=True, department__isnull=False),
                name="measure_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, state__in=["open", "in_progress"])
                | models.Q(closed_on__isnull=False, state__in=["done", "cancelled"]),
                name="measure_closed_on_matches_state",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


class CaseDiscussion(models.Model):
    """A case discussion (casusoverleg): complaints and rule bottlenecks talked through
    with the departments and partners involved."""

    held_on = models.DateField(_("datum"))
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    participants = models.TextField(_("deelnemers"))
    departments = models.ManyToManyField(
        "organisations.Department", verbose_name=_("afdelingen"), blank=True, related_name="+"
    )
    partners = models.ManyToManyField(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartners"),
        blank=True,
        related_name="+",
    )
    complaints = models.ManyToManyField(
        "complaints.Complaint",
        verbose_name=_("besproken klachten"),
        blank=True,
        related_name="case_discussions",
    )
    agreements = models.TextField(_("afspraken"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d-%m-%Y} {self.subject}".strip()


class FollowUpAction(models.Model):
    """An action agreed in a case discussion, with who does it and by when."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"))
    owner = models.CharField(_("wie"), max_length=200)
    due_on = models.DateField(_("gereed uiterlijk"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.description[:50]}"


class Bottleneck(models.Model):
    """A complaint where a rule or procedure blocks the sensible outcome ("olie-
    mannetje"): queued for a case discussion, then decided and followed up."""

    class Decision(models.TextChoices):
        STAYS = "stays", _("De regel blijft")
        EXCEPTION = "exception", _("Uitzondering gemaakt")
        CHANGED = "changed", _("De regel wordt aangepast")

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="bottlenecks",
    )
    rule = models.CharField(_("regel of werkwijze"), max_length=300)
    problem = models.TextField(_("wat gaat er mis"))
    proposal = models.TextField(_("voorstel"))
    raised_on = models.DateField(_("gemeld op"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    discussion = models.ForeignKey(
        CaseDiscussion,
        verbose_name=_("casusoverleg"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bottlenecks",
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("toelichting besluit"), blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    follow_up = models.TextField(_("vervolg"), blank=True)
    follow_up_done_on = models.DateField(_("vervolg afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("knelpunt in regels")
        verbose_name_plural = _("knelpunten in regels")
        ordering = ["raised_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="", decided_on__isnull=True)
                | (~models.Q(decision="") & models.Q(decided_on__isnull=False)),
                name="bottleneck_decision_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.rule}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)


class OmbudsmanCase(models.Model):
    """A complaint the ombudsman took up (second line, Awb 9:18 ff.)."""

    class Kind(models.TextChoices):
        INTERVENTION = "intervention", _("Interventie")
        INVESTIGATION = "investigation", _("Onderzoek")
        REPORT = "report", _("Rapport")

    class Outcome(models.TextChoices):
        INTERVENTION = "intervention", _("Opgelost met een interventie")
        REPORT = "report", _("Rapport uitgebracht")
        NOT_ADMISSIBLE = "not_admissible", _("Niet ontvankelijk of niet in behandeling")
        OTHER = "other", _("Anders afgesloten")

    ombudsman = models.ForeignKey(
        "organisations.Ombudsman",
        verbose_name=_("ombudsman"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    reference = models.CharField(_("kenmerk ombudsman"), max_length=50)
    received_on = models.DateField(_("ontvangen op"))
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("bestuursorgaan"),
        on_delete=models.PROTECT,
        related_name="ombudsman_cases",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ombudsman_cases",
    )
    kind = models.CharField(_("soort behandeling"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("waar gaat het over"), blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ombudsmanzaak")
        verbose_name_plural = _("ombudsmanzaken")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ombudsman", "reference"], name="one_case_per_ombudsman_reference"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", closed_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(closed_on__isnull=False)),
                name="ombudsman_case_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ombudsman} {self.reference}"


class Recommendation(models.Model):
    """A recommendation of the ombudsman, and what the body does with it: Awb 9:36
    lid 4 asks the body to tell the ombudsman within the term the ombudsman sets."""

    class Response(models.TextChoices):
        FOLLOWED = "followed", _("Opgevolgd")
        PARTLY = "partly", _("Deels opgevolgd")
        NOT_FOLLOWED = "not_followed", _("Niet opgevolgd")

    case = models.ForeignKey(
        OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("aanbeveling"))
    made_on = models.DateField(_("gedaan op"))
    respond_by = models.DateField(_("reageren uiterlijk"))
    responded_on = models.DateField(_("gereageerd op"), null=True, blank=True)
    response = models.CharField(
        _("wat de gemeente ermee doet"), max_length=20, choices=Response.choices, blank=True
    )
    response_text = models.TextField(_("reactie aan de ombudsman"), blank=True)

    class Meta:
        verbose_name = _("aanbeveling")
        verbose_name_plural = _("aanbevelingen")
        ordering = ["made_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response="", responded_on__isnull=True)
                | (~models.Q(response="") & models.Q(responded_on__isnull=False)),
                name="recommendation_response_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def is_late(self, today: date) -> bool:
        """Not answered within the term (or answered after it)."""
        answered = self.responded_on or today
        return answered > self.respond_by
