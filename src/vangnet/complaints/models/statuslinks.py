"""The resident's secret status links (`complaints.statuslinks`)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .register import Complaint


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
