"""Open tasks on a complaint that someone must still do by hand: a copy the law
requires (Awb 9:9, 9:10) that could not be e-mailed for lack of an address. The task
stays on "Mijn werk" until someone records how the copy was sent (the action
`record_copy`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .register import Complaint


class OpenTask(models.Model):
    class Kind(models.TextChoices):
        COPY_NOT_SENT = "copy_not_sent", _("Kopie nog niet verstuurd")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    #: What should have been sent: "Kopie van de klacht (Awb 9:9)" or a letter's subject.
    document = models.CharField(_("wat"), max_length=300)
    #: The `letters.Letter` the copy is of, when it is one (an id, not a foreign key:
    #: letters is a higher layer than the register).
    letter_id = models.PositiveIntegerField(_("brief"), null=True, blank=True)
    #: Who should have received it (the person, department or partner).
    recipient = models.CharField(_("voor"), max_length=300)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    done_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    how_sent = models.TextField(_("hoe verstuurd"), blank=True)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("open taak")
        verbose_name_plural = _("open taken")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["done_at", "kind"], name="open_task_open")]

    def __str__(self) -> str:
        return f"{self.complaint}: {self.document} → {self.recipient}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None
