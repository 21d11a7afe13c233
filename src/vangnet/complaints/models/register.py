"""The register itself (Awb 9:12a): complaints and the messages that are no complaint,
the yearly reference counter, attachments and the append-only timeline."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import OPEN_STATES, DeclineGround, Outcome, State


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


class AcknowledgementNotSent(models.TextChoices):
    """Why the acknowledgement step sent no letter (the complaint is not 'acknowledged')."""

    NO_ADDRESS = "no_address", _("geen adres of e-mailadres bekend")


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

    # When the conduct complained about happened (a day, or a period up to `conduct_until`):
    # Awb 9:8 lid 1 b, conduct more than a year before the complaint need not be handled.
    conduct_on = models.DateField(_("gedraging op"), null=True, blank=True)
    conduct_until = models.DateField(_("gedraging tot en met"), null=True, blank=True)

    description = models.TextField(_("omschrijving"))
    desired_outcome = models.TextField(_("gewenste oplossing"), blank=True)

    # Awb 9:4: formal procedure or the lighter path.
    is_formal = models.BooleanField(_("formele klacht (Awb 9:4)"), default=True)
    light_path_reason = models.CharField(
        _("reden lichte route"), max_length=20, choices=LightPathReason.choices, blank=True
    )
    formality_note = models.CharField(_("toelichting route"), max_length=300, blank=True)
    advisory_committee = models.BooleanField(_("klachtadviescommissie (Awb 9:14)"), default=False)
    committee_known_on = models.DateField(
        _("klachtadviescommissie betrokken op"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: vanaf de ontvangst. Alleen een commissie die binnen zes weken bekend was, "
            "geeft tien weken (Awb 9:11)."
        ),
    )
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

    acknowledgement_not_sent = models.CharField(
        _("ontvangstbevestiging niet verstuurd"),
        max_length=20,
        choices=AcknowledgementNotSent.choices,
        blank=True,
        help_text=_("Waarom er geen ontvangstbevestiging kon worden verstuurd (Awb 9:6)."),
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
