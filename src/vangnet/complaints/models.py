"""The complaint register (Awb 9:12a): complaints, their attachments, forwards to
partners and the append-only timeline. Models hold data and invariants; every write
goes through `services.py`, every list read through `selectors.py`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import OPEN_STATES, DeclineGround, HearingSkipGround, Judgment, Outcome, State


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Klacht")
    REPORT = "report", _("Melding")
    OBJECTION = "objection", _("Bezwaar")
    QUESTION = "question", _("Vraag")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Brief")
    PHONE = "phone", _("Telefoon")
    COUNTER = "counter", _("Balie")
    SOCIAL_MEDIA = "social_media", _("Sociale media")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon")
    LETTER = "letter", _("Brief")


class SubjectType(models.TextChoices):
    """What the complaint is about; also the 'complaint type' breakdown of kpis.md."""

    MUNICIPALITY = "municipality", _("De gemeente (een afdeling of medewerker)")
    PARTNER = "partner", _("Een samenwerkingspartner")
    COOPERATION = "cooperation", _("De samenwerking tussen meerdere partijen")


class LightPathReason(models.TextChoices):
    """Why a complaint follows the lighter path instead of the formal one (Awb 9:4)."""

    ORAL = "oral", _("Mondeling ingediend")
    THIRD_PARTY = "third_party", _("Gaat over gedrag tegenover iemand anders")
    INCOMPLETE = "incomplete", _("Naam, adres, datum of omschrijving ontbreekt")
    UNSIGNED = "unsigned", _("Niet ondertekend")
    OTHER = "other", _("Anders")


class PartnerOutcome(models.TextChoices):
    """What a partner reports back about a forwarded complaint."""

    RESOLVED = "resolved", _("Opgelost met de indiener")
    WELL_FOUNDED = "well_founded", _("Klacht terecht, maatregel genomen")
    UNFOUNDED = "unfounded", _("Klacht niet terecht")
    HANDLED_BY_OWN_PROCEDURE = "own_procedure", _("In behandeling volgens eigen klachtenregeling")
    NOT_REACHED = "not_reached", _("Indiener niet bereikt")
    NOT_OURS = "not_ours", _("Gaat niet over ons")


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (locked row while numbering)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Complaint(models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("soort bericht"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("status"), max_length=30, choices=State.choices, default=State.RECEIVED
    )
    received_on = models.DateField(_("ontvangen op"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    body = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("bestuursorgaan"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    theme = models.ForeignKey(
        "organisations.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    neighbourhood = models.CharField(_("wijk"), max_length=100, blank=True)

    # What the complaint is about.
    subject_type = models.CharField(
        _("gaat over"), max_length=20, choices=SubjectType.choices, default=SubjectType.MUNICIPALITY
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    person_complained_about = models.CharField(_("beklaagde"), max_length=150, blank=True)
    person_complained_about_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beklaagde (medewerker)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner = models.ForeignKey(
        "organisations.Partner",
        verbose_name=_("samenwerkingspartner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    involved_partners = models.ManyToManyField(
        "organisations.Partner",
        verbose_name=_("betrokken partijen"),
        blank=True,
        related_name="cooperation_complaints",
    )

    # Complainant and representative (personal data: shown only to who may see it).
    complainant_name = models.CharField(_("naam"), max_length=150, blank=True)
    complainant_street = models.CharField(_("straat en huisnummer"), max_length=150, blank=True)
    complainant_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    complainant_city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    preferred_contact = models.CharField(
        _("contact bij voorkeur via"),
        max_length=10,
        choices=ContactPreference.choices,
        default=ContactPreference.EMAIL,
    )
    representative_name = models.CharField(_("naam gemachtigde"), max_length=150, blank=True)
    representative_email = models.EmailField(_("e-mail gemachtigde"), blank=True)
    representative_phone = models.CharField(_("telefoon gemachtigde"), max_length=30, blank=True)

    description = models.TextField(_("omschrijving"))
    desired_outcome = models.TextField(_("gewenste oplossing"), blank=True)

    # Awb 9:4: formal procedure or the lighter path.
    is_formal = models.BooleanField(_("formele klacht (Awb 9:4)"), default=True)
    light_path_reason = models.CharField(
        _("reden lichte route"), max_length=20, choices=LightPathReason.choices, blank=True
    )
    formality_note = models.CharField(_("toelichting route"), max_length=300, blank=True)
    advisory_committee = models.BooleanField(_("klachtadviescommissie (Awb 9:14)"), default=False)
    redirected_to = models.CharField(
        _("doorverwezen naar"),
        max_length=300,
        blank=True,
        help_text=_("Voor een melding, bezwaar of vraag: waar het bericht naartoe is gestuurd."),
    )

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_complaints",
    )

    # Deadlines, computed by `deadlines.py` (stored so lists can filter and sort on them).
    acknowledge_by = models.DateField(_("ontvangst bevestigen uiterlijk"), null=True, blank=True)
    first_contact_by = models.DateField(_("eerste contact uiterlijk"), null=True, blank=True)
    decline_by = models.DateField(_("niet-behandelen melden uiterlijk"), null=True, blank=True)
    decide_by = models.DateField(_("afhandelen uiterlijk"), null=True, blank=True)

    postponed_to = models.DateField(
        _("verdaagd tot"),
        null=True,
        blank=True,
        help_text=_("Na verdaging (Awb 9:11 lid 2) of uitstel met instemming van de indiener."),
    )

    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices, blank=True)
    decline_ground = models.CharField(
        _("grond niet-behandelen (Awb 9:8)"),
        max_length=30,
        choices=DeclineGround.choices,
        blank=True,
    )
    forwarded_to_body = models.CharField(
        _("doorgestuurd naar bestuursorgaan"), max_length=300, blank=True
    )

    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        ordering = ["-received_on", "-id"]
        permissions = [("handle_complaint", "Can handle complaint")]
        indexes = [
            models.Index(fields=["kind", "state", "decide_by"], name="complaint_open_due"),
            models.Index(fields=["received_on", "id"], name="complaint_received"),
            models.Index(fields=["handler", "state"], name="complaint_handler_state"),
            models.Index(fields=["closed_on"], name="complaint_closed_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state=State.CLOSED, closed_on__isnull=False)
                | (~models.Q(state=State.CLOSED) & models.Q(closed_on__isnull=True)),
                name="closed_on_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_complaint(self) -> bool:
        return self.kind == Kind.COMPLAINT

    def build_search_text(self) -> str:
        parts = [
            self.reference,
            self.complainant_name,
            self.complainant_email,
            self.representative_name,
            self.person_complained_about,
            self.neighbourhood,
            self.description,
            self.desired_outcome,
        ]
        return "\n".join(part for part in parts if part)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the resident's file name is kept in `original_name`.
    import uuid

    return f"attachments/{instance.complaint.received_on:%Y}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Forward(models.Model):
    """A complaint forwarded to a partner. The municipality stays responsible; the
    partner's users see the complaint from now on."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="forwards")
    partner = models.ForeignKey(
        "organisations.Partner", on_delete=models.PROTECT, related_name="forwards"
    )
    forwarded_on = models.DateField(_("doorgestuurd op"))
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)

    # Sent to the partner by e-mail with a secret reply link (only its hash is kept).
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    reply_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    reply_due_on = models.DateField(_("terugkoppeling uiterlijk"), null=True, blank=True)
    reminded_on = models.DateField(_("herinnering gestuurd op"), null=True, blank=True)
    escalated_on = models.DateField(_("geëscaleerd op"), null=True, blank=True)
    # What the partner reported back.
    replied_at = models.DateTimeField(_("teruggekoppeld op"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggekoppeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_by_name = models.CharField(_("naam van wie terugkoppelde"), max_length=150, blank=True)
    reply_action = models.TextField(_("wat de partner deed"), blank=True)
    reply_outcome = models.CharField(
        _("uitkomst bij de partner"), max_length=30, choices=PartnerOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("doorsturing")
        verbose_name_plural = _("doorsturingen")
        ordering = ["forwarded_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "partner"], name="one_forward_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.complaint} → {self.partner}"


class AppendOnlyError(Exception):
    pass


class Event(models.Model):
    """One line on the complaint's timeline: who did what, when, before → after.
    Append-only: written by `events.log`, never changed or deleted."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=40)
    summary = models.TextField(_("omschrijving"), blank=True)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Timeline events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Timeline events cannot be deleted.")


# --- The procedure's records (written by `procedure.py`) -----------------------------------


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Gesprek")
    VIDEO = "video", _("Videobellen")
    LETTER = "letter", _("Brief")


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
    concerned (codes of `norms.NORMS`)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="parts")
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


class StatusLink(models.Model):
    """A resident follows their complaint through a secret link. Only a SHA-256 hash of
    the link's token is stored, never the token itself (`complaints.statuslinks`)."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="status_links",
    )
    token_hash = models.CharField(_("hash van de code"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("statuslink")
        verbose_name_plural = _("statuslinks")
        ordering = ["-created_at", "-id"]
        # Made by the public app before the links became the register's own.
        db_table = "public_statuslink"

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.created_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
