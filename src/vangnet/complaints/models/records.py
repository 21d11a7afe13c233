"""The procedure's records (written by the actions of `vangnet.handling`): the parts of
a complaint, contacts, postponements of the term, the hearing, the advice, decisions
with their judged parts, and a cooperation complaint's contributions and joint
discussions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import HearingSkipGround, Judgment
from .register import Attachment, Complaint


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Gesprek")
    VIDEO = "video", _("Videobellen")
    LETTER = "letter", _("Brief")


class ComplaintPart(models.Model):
    """One part (klachtonderdeel) of a complaint: what it is about and, where useful, the
    department or partner it concerns. Made at registration (a complaint given no parts
    is one part: its description) and changed by the `parts` action until the decision.
    The decision judges each part once; the Behoorlijkheidswijzer norms asked then are
    kept here (codes of `norms.NORMS`), and the lesson at closing reuses them."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    description = models.TextField(_("omschrijving"))
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
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    norms = models.JSONField(_("normen"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klachtonderdeel")
        verbose_name_plural = _("klachtonderdelen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} #{self.position}"

    def clean(self) -> None:
        from ..norms import NORMS

        unknown = [code for code in self.norms or [] if code not in NORMS]
        if unknown:
            raise ValidationError(
                {"norms": _("Onbekende norm: %s.") % ", ".join(map(str, unknown))}
            )


class Contact(models.Model):
    """A contact with the complainant: the call within days of the Nationale ombudsman's
    "professional complaint handling", and any later one."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField(_("datum contact"))
    channel = models.CharField(_("hoe"), max_length=10, choices=ContactChannel.choices)
    notes = models.TextField(_("gespreksnotitie"))
    agreed = models.TextField(
        _("afgesproken"), blank=True, help_text=_("Wat zou de klacht oplossen; wat is afgesproken.")
    )
    reached = models.BooleanField(_("indiener bereikt"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["contacted_on", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.contacted_on}"


class Postponement(models.Model):
    """A later decide-by date: the one extension of Awb 9:11 lid 2 (at most 4 weeks,
    before the due date), or a further delay with the complainant's written consent."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Verdaging (Awb 9:11 lid 2)")
        CONSENT = "consent", _("Uitstel met schriftelijke instemming van de indiener")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="postponements")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    previous_due = models.DateField(_("was uiterlijk"))
    new_due = models.DateField(_("nu uiterlijk"))
    reason = models.TextField(_("reden"))
    consent_on = models.DateField(_("instemming ontvangen op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verdaging")
        verbose_name_plural = _("verdagingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"], condition=models.Q(kind="extension"), name="one_extension"
            ),
            models.CheckConstraint(
                condition=models.Q(new_due__gt=models.F("previous_due")),
                name="postponement_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} → {self.new_due}"


class Hearing(models.Model):
    """Hearing the complainant and the person complained about (Awb 9:10), or why not."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="hearing")
    offered_on = models.DateField(_("aangeboden op"), null=True, blank=True)
    planned_at = models.DateTimeField(_("gepland op"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    participants = models.TextField(_("aanwezigen"), blank=True)
    record = models.TextField(_("verslag"), blank=True)
    skip_ground = models.CharField(
        _("reden om niet te horen (Awb 9:10 lid 2)"),
        max_length=30,
        choices=HearingSkipGround.choices,
        blank=True,
    )
    skip_note = models.TextField(_("toelichting"), blank=True)
    #: The date the offer asked the complainant to answer by (Awb 9:10 lid 2 onder c).
    respond_by = models.DateField(_("reageren uiterlijk"), null=True, blank=True)
    #: Why the hearing took place before the moment it was planned for.
    held_early_reason = models.TextField(_("reden eerder gehoord dan gepland"), blank=True)
    # The person (or organisation) complained about is heard in their own right (Awb
    # 9:10 lid 1): skipping the complainant's hearing (lid 2) does not skip theirs.
    person_heard_on = models.DateField(_("beklaagde gehoord op"), null=True, blank=True)
    person_record = models.TextField(_("verslag horen beklaagde"), blank=True)
    person_not_heard_reason = models.TextField(_("waarom de beklaagde niet gehoord is"), blank=True)

    class Meta:
        verbose_name = _("hoorzitting")
        verbose_name_plural = _("hoorzittingen")

    def __str__(self) -> str:
        return f"{self.complaint}"


class Advice(models.Model):
    """The advisory committee's advice (Awb 9:13–9:16)."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="advice")
    committee = models.CharField(_("commissie of adviseur"), max_length=200)
    requested_on = models.DateField(_("gevraagd op"))
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    text = models.TextField(_("advies"), blank=True)
    recommended_judgment = models.CharField(
        _("geadviseerd oordeel"), max_length=30, choices=Judgment.choices, blank=True
    )
    attachment = models.ForeignKey(
        Attachment,
        verbose_name=_("advies (bestand)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")

    def __str__(self) -> str:
        return f"{self.complaint}: {self.committee}"


class Decision(models.Model):
    """The body's decision on a complaint (Awb 9:12): findings, a judgment per part,
    conclusions and measures. The latest one is the decision; an earlier one stays on
    the file when a decision is corrected or the complaint is reopened."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("besloten op"))
    findings = models.TextField(_("bevindingen"))
    conclusions = models.TextField(_("conclusies"))
    measures = models.TextField(_("maatregelen"), blank=True)
    deviates_from_advice = models.BooleanField(_("wijkt af van het advies"), default=False)
    deviation_reasons = models.TextField(_("reden van afwijken"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["created_at", "id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.decided_on}"


class JudgmentPart(models.Model):
    """The judgment on one part of the complaint, with the Behoorlijkheidswijzer norms
    concerned (codes of `norms.NORMS`). `part` links the complaint's part it judges;
    `summary` and `norms` are the part's description and norms as they were when
    decided (a decision stays on the file as it was). Decisions from before parts
    existed may have no `part`."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="parts")
    part = models.ForeignKey(
        ComplaintPart,
        verbose_name=_("klachtonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="judgments",
    )
    position = models.PositiveSmallIntegerField()
    summary = models.TextField(_("klachtonderdeel"))
    judgment = models.CharField(_("oordeel"), max_length=30, choices=Judgment.choices)
    norms = models.JSONField(_("normen"), default=list, blank=True)
    reasoning = models.TextField(_("motivering"))

    class Meta:
        verbose_name = _("oordeel per klachtonderdeel")
        verbose_name_plural = _("oordelen per klachtonderdeel")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.decision} #{self.position}"


class Contribution(models.Model):
    """A party's contribution to a cooperation complaint: what it did and says."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField(_("ontvangen op"))
    text = models.TextField(_("bijdrage"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijdrage van een partij")
        verbose_name_plural = _("bijdragen van partijen")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False, department__isnull=True)
                | models.Q(partner__isnull=True, department__isnull=False),
                name="contribution_one_party",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.party}"

    @property
    def party(self):
        return self.partner or self.department


class JointDiscussion(models.Model):
    """The joint case discussion of a cooperation complaint: who, when, what was agreed."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="joint_discussions"
    )
    held_on = models.DateField(_("datum"))
    participants = models.TextField(_("deelnemers"))
    agreements = models.TextField(_("afspraken"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gezamenlijke casusbespreking")
        verbose_name_plural = _("gezamenlijke casusbesprekingen")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.held_on}"
