"""Letters on the complaint file and the outbox that delivers e-mail.

A `Letter` is what the municipality sent (or will print and post): the rendered HTML and
its PDF, kept on the complaint file. The PDF is made after the step that sent the letter
has committed, by a background task (`pdfs.py`); until then `pdf` is empty, and its
e-mail waits in the outbox. An `OutboxMessage` is one e-mail to one address,
delivered by the task worker with retries (`outbox.py`); it stays visible whatever
happens to it and is never deleted by the application. A `LetterTemplate` holds the
texts of one kind of letter that the administrator edits (`templating.py`).

A letter that needs sign-off (`Municipality.signoff_kinds`) is first stored as a draft
(`Letter.Status.AWAITING_APPROVAL`: no PDF, no e-mail) and becomes the sent letter when
a signer approves it (`vangnet.handling.signoff`). `Letter.objects` holds the sent
letters only, so a draft shows nowhere a letter is read (the file, the status page, the
figures); `Letter.all_objects` holds every one."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: `Letter.sent_to` when the letter is printed and posted instead of e-mailed.
POST = "post"


def letter_path(instance: "Letter", filename: str) -> str:
    # A random name outside any public URL; served only through a permission-checked view.
    return f"letters/{timezone.localdate():%Y}/{uuid.uuid4().hex}.pdf"


def outbox_attachment_path(instance: "OutboxMessage", filename: str) -> str:
    return f"outbox/{timezone.localdate():%Y}/{uuid.uuid4().hex}"


class SentLetters(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=Letter.Status.SENT)


class Letter(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("Verstuurd")
        AWAITING_APPROVAL = "awaiting_approval", _("Wacht op ondertekening")
        RETURNED = "returned", _("Teruggestuurd")
        #: A returned draft the handler prepared again.
        REPLACED = "replaced", _("Vervangen")

    class Kind(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Ontvangstbevestiging")
        INFORMAL_CONFIRMATION = "informal_confirmation", _("Bevestiging informele afhandeling")
        EXTENSION = "extension", _("Verdagingsbrief")
        HEARING_INVITATION = "hearing_invitation", _("Uitnodiging horen")
        HEARING_RECORD = "hearing_record", _("Verslag van het horen")
        DECLINE = "decline", _("Besluit niet in behandeling nemen")
        FORWARD_NOTICE = "forward_notice", _("Doorzendbericht")
        CONCLUSION = "conclusion", _("Afhandelingsbrief")

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    kind = models.CharField(_("soort brief"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("onderwerp"), max_length=255)
    html = models.TextField(_("brief (HTML)"))
    #: Empty until the background task has made it (`pdfs.make_pdf`).
    pdf = models.FileField(_("brief (PDF)"), upload_to=letter_path, max_length=200, blank=True)
    #: Why the last attempt to make the PDF failed; empty when made or still to be made.
    pdf_error = models.TextField(_("fout bij het maken van de pdf"), blank=True)
    #: The advisory committee's advice as a file, embedded in the conclusion letter's PDF
    #: (Awb 9:15 lid 3): the PDF is made later, from this very file.
    advice_file = models.ForeignKey(
        "complaints.Attachment",
        verbose_name=_("advies (bestand)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_to = models.CharField(
        _("verstuurd naar"),
        max_length=254,
        help_text=_("Het e-mailadres, of 'post' als de brief wordt geprint en verstuurd."),
    )
    sent_copy_to = models.CharField(
        _("kopie verstuurd naar"),
        max_length=254,
        blank=True,
        help_text=_("Het e-mailadres waar een kopie voor de beklaagde naartoe ging."),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    # --- sign-off (`vangnet.handling.signoff`)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    #: The action that prepared the draft and is taken when it is approved, with what
    #: it needs then: `{"input": <the action's input as JSON, restored through its
    #: form>, "letter_date": <the draft's date, to see whether the letter changed>}`.
    action = models.CharField(_("handeling"), max_length=40, blank=True)
    held = models.JSONField(_("de stap die wacht"), default=dict, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorbereid door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondertekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    #: The signatory as the letter names them (kept: a name or function may change).
    signatory_name = models.CharField(_("naam ondertekenaar"), max_length=255, blank=True)
    signatory_function = models.CharField(_("functie ondertekenaar"), max_length=120, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teruggestuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("teruggestuurd op"), null=True, blank=True)
    return_remark = models.TextField(_("opmerking bij terugsturen"), blank=True)

    all_objects = models.Manager()
    objects = SentLetters()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        indexes = [models.Index(fields=["status"], name="letter_status")]

    def __str__(self) -> str:
        return self.subject

    @property
    def by_post(self) -> bool:
        return self.sent_to == POST

    @property
    def pdf_pending(self) -> bool:
        """The PDF is still to be made (or its making failed: see `pdf_error`)."""
        return not self.pdf


class LetterTemplate(models.Model):
    """The texts of one kind of letter that the administrator edits: the subject, the
    opening (before the fixed blocks) and the closing (after them). The blocks the law
    requires stay in code (`templates/letters/<kind>.html`). A kind without a row uses
    the defaults in `templating.DEFAULTS`; the admin list creates the missing rows."""

    kind = models.CharField(
        _("soort brief"), max_length=30, choices=Letter.Kind.choices, unique=True
    )
    subject = models.CharField(
        _("onderwerp"),
        max_length=255,
        help_text=_("De onderwerpregel van de e-mail en de titel van de pdf."),
    )
    opening = models.TextField(
        _("begintekst"),
        blank=True,
        help_text=_("Komt na de aanhef, vóór de vaste onderdelen van de brief."),
    )
    closing = models.TextField(
        _("slottekst"),
        blank=True,
        help_text=_("Komt na de vaste onderdelen, vóór de groet."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("brieftekst")
        verbose_name_plural = _("briefteksten")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        from .templating import check

        super().clean()
        if self.kind not in Letter.Kind.values:
            return
        errors = {}
        for field in ("subject", "opening", "closing"):
            messages = check(self.kind, getattr(self, field) or "")
            if messages:
                errors[field] = messages
        if errors:
            raise ValidationError(errors)


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")

    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=255)
    text = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    attachment = models.FileField(
        _("bijlage"), upload_to=outbox_attachment_path, max_length=200, blank=True
    )
    attachment_name = models.CharField(_("naam bijlage"), max_length=255, blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    letter = models.ForeignKey(
        Letter,
        verbose_name=_("brief"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(
        _("volgende poging"), null=True, blank=True, default=timezone.now
    )
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="sent", sent_at__isnull=False)
                | (~models.Q(state="sent") & models.Q(sent_at__isnull=True)),
                name="outbox_sent_at_iff_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
