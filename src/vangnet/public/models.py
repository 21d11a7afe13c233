"""Models of the resident site.

`StatusRequest` logs the "send me my link again" requests for the rate limit, with
hashed values only (the status links themselves are the register's:
`complaints.models.StatusLink`). `Submission` makes the public form idempotent.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatusRequest(models.Model):
    """One request for a new status link (public form), kept for an hour or so to limit
    how often one address or one reference may ask. Holds keyed hashes only: no IP
    address and no reference in plain text."""

    ip_hash = models.CharField(max_length=64, db_index=True)
    reference_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("aanvraag statuslink")
        verbose_name_plural = _("aanvragen statuslink")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


# --- submissions (public form) ---


class Submission(models.Model):
    """One complaint filed through the public form (`vangnet.public.submissions`).

    The form carries a signed one-time token; its SHA-256 hash is stored here with the
    complaint it created, so sending the same form twice (a double click, the back
    button, a retry after a lost connection) shows the first complaint's confirmation
    instead of creating a second one. The unique hash also settles a race between two
    identical requests. `ip_hash` (a keyed hash, never the address) counts submissions
    per address for the rate limit; it is blanked after a day."""

    token_hash = models.CharField(_("hash van de formuliercode"), max_length=64, unique=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("klacht"),
        null=True,  # only inside the transaction that creates the complaint
        on_delete=models.CASCADE,
        related_name="public_submissions",
    )
    ip_hash = models.CharField(_("hash van het internetadres"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inzending webformulier")
        verbose_name_plural = _("inzendingen webformulier")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ip_hash", "created_at"], name="submission_ip_recent")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.created_at:%Y-%m-%d %H:%M}"
