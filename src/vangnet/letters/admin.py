"""The outbox and the letters in the Django admin: read-only, with one action to send
a message again. Letters are scoped by the complaint permissions, like the register."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vangnet.complaints import selectors

from . import outbox
from .models import Letter, OutboxMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "state",
        "to",
        "subject",
        "attempts",
        "next_attempt_at",
        "short_error",
        "sent_at",
    )
    list_filter = ("state",)
    search_fields = ("to", "subject", "complaint__reference")
    list_select_related = ("complaint",)
    date_hierarchy = "created_at"
    actions = ["send_now"]
    fields = (
        "state",
        "to",
        "subject",
        "complaint",
        "letter",
        "attachment_name",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "text",
    )

    @admin.display(description=_("laatste fout"))
    def short_error(self, obj: OutboxMessage) -> str:
        return obj.last_error[:80]

    def has_send_permission(self, request) -> bool:
        return request.user.has_perm("letters.change_outboxmessage")

    @admin.action(description=_("Nu opnieuw versturen"), permissions=["send"])
    def send_now(self, request, queryset):
        queued = skipped = 0
        for message in queryset:
            if outbox.send_again(message):
                queued += 1
            else:
                skipped += 1
        if queued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail staat weer in de wachtrij.",
                    "%(count)d e-mails staan weer in de wachtrij.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was al verstuurd en is niet nog eens verstuurd.",
                    "%(count)d e-mails waren al verstuurd en zijn niet nog eens verstuurd.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "complaint", "kind", "subject", "sent_to")
    list_filter = ("kind",)
    search_fields = ("complaint__reference",)
    list_select_related = ("complaint",)
    date_hierarchy = "created_at"
    # The PDF is left out: it is served only through a permission-checked view.
    fields = ("complaint", "kind", "subject", "sent_to", "created_at", "html")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(complaint__in=selectors.visible_complaints(request.user))
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("complaints.list_complaints")
        return request.user.has_perm("complaints.view_complaint", obj.complaint)

    def has_module_permission(self, request):
        return request.user.has_perm("complaints.list_complaints")
