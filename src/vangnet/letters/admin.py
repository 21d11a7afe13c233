"""The outbox and the letters in the Django admin: read-only, with one action to send
a message again and one to have a letter's PDF made again (when making it failed).
Letters are scoped by the complaint permissions, like the register.

The letter texts (`LetterTemplate`) are edited here by the administrator: subject,
opening and closing per kind, with the list of variables and a preview of the whole
letter for a made-up complaint ("Voorbeeld bekijken" shows the unsaved edit, nothing is
saved; "Voorbeeld als pdf" gives the same as a PDF). The rows are created from the
defaults in code on the first visit of the list."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vangnet.complaints import selectors

from . import outbox, pdfs, samples, templating
from .models import Letter, LetterTemplate, OutboxMessage
from .rendering import LETTER_CSP, with_style_nonce


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
    list_display = (
        "created_at",
        "complaint",
        "kind",
        "subject",
        "sent_to",
        "sent_copy_to",
        "has_pdf",
    )
    list_filter = ("kind",)
    search_fields = ("complaint__reference",)
    list_select_related = ("complaint",)
    date_hierarchy = "created_at"
    actions = ["make_pdf_again"]
    # The PDF is left out: it is served only through a permission-checked view.
    fields = (
        "complaint",
        "kind",
        "subject",
        "sent_to",
        "sent_copy_to",
        "created_at",
        "pdf_error",
        "html",
    )

    @admin.display(description=_("PDF"), boolean=True)
    def has_pdf(self, obj: Letter) -> bool:
        return bool(obj.pdf)

    def has_remake_permission(self, request) -> bool:
        # Whoever may send e-mail again (the coordinator) may have its PDF made again.
        return request.user.has_perm("letters.change_outboxmessage")

    @admin.action(description=_("PDF opnieuw maken"), permissions=["remake"])
    def make_pdf_again(self, request, queryset):
        count = pdfs.make_again(queryset)
        self.message_user(
            request,
            ngettext(
                "De pdf van %(count)d brief wordt opnieuw gemaakt.",
                "De pdf van %(count)d brieven wordt opnieuw gemaakt.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

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


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("subject", "opening", "closing")
        widgets = {
            "subject": forms.TextInput(attrs={"size": 80}),
            "opening": forms.Textarea(attrs={"rows": 6, "cols": 80}),
            "closing": forms.Textarea(attrs={"rows": 6, "cols": 80}),
        }


def ensure_letter_templates() -> None:
    """Create a row with the default texts for every kind that has none."""
    existing = set(LetterTemplate.objects.values_list("kind", flat=True))
    missing = [kind for kind in Letter.Kind.values if kind not in existing]
    if not missing:
        return
    with translation.override(settings.LANGUAGE_CODE):
        rows = []
        for kind in missing:
            texts = templating.default_texts(kind)
            rows.append(
                LetterTemplate(
                    kind=kind, subject=texts.subject, opening=texts.opening, closing=texts.closing
                )
            )
    LetterTemplate.objects.bulk_create(rows, ignore_conflicts=True)


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ("__str__", "subject", "updated_at", "updated_by")
    list_select_related = ("updated_by",)
    fields = ("kind", "subject", "opening", "closing", "updated_at", "updated_by")
    readonly_fields = ("kind", "updated_at", "updated_by")
    actions = ["restore_defaults"]
    change_form_template = "letters/admin/lettertemplate_change_form.html"
    change_list_template = "letters/admin/lettertemplate_change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/voorbeeld/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/voorbeeld.pdf",
                self.admin_site.admin_view(self.preview_pdf_view),
                name="{}_{}_preview_pdf".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if self.has_change_permission(request):
            ensure_letter_templates()
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        preview = "_preview" in request.POST or "_preview_pdf" in request.POST
        if request.method == "POST" and object_id is not None and preview:
            return self._preview_unsaved(request, object_id, form_url)
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        extra_context = {**(extra_context or {}), **self._help_context(obj)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Standaardteksten terugzetten"), permissions=["change"])
    def restore_defaults(self, request, queryset):
        rows = LetterTemplate.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for row in rows.select_for_update():
                texts = templating.default_texts(row.kind)
                row.subject, row.opening, row.closing = texts.subject, texts.opening, texts.closing
                row.updated_by = request.user
                row.save()
        self.message_user(
            request,
            ngettext(
                "De standaardtekst van %(count)d brief is teruggezet.",
                "De standaardteksten van %(count)d brieven zijn teruggezet.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    # --- Preview -------------------------------------------------------------------------

    def _help_context(self, obj: LetterTemplate | None, preview_html: str = "") -> dict:
        if obj is None:
            return {}
        return {
            "letter_variables": templating.variables_of(obj.kind),
            "fixed_blocks": templating.FIXED_BLOCKS.get(obj.kind, ()),
            "allowed_tags": "if, elif, else, endif, firstof, comment",
            "allowed_filters": ", ".join(templating.ALLOWED_FILTERS),
            "preview_html": preview_html,
        }

    def _texts(self, obj: LetterTemplate) -> templating.Texts:
        return templating.Texts(subject=obj.subject, opening=obj.opening, closing=obj.closing)

    def _pdf_response(self, letter, obj: LetterTemplate) -> HttpResponse:
        response = HttpResponse(letter.pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="voorbeeld-{obj.kind}.pdf"'
        return response

    def _saved_object(self, request, object_id) -> LetterTemplate:
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def preview_view(self, request, object_id):
        """The stored texts in the whole letter, as HTML (what the e-mail shows)."""
        obj = self._saved_object(request, object_id)
        response = HttpResponse(samples.sample_letter(obj.kind, texts=self._texts(obj)).html)
        response["Content-Security-Policy"] = LETTER_CSP
        return response

    def preview_pdf_view(self, request, object_id):
        """The stored texts in the whole letter, as the PDF."""
        obj = self._saved_object(request, object_id)
        return self._pdf_response(samples.sample_letter(obj.kind, texts=self._texts(obj)), obj)

    def _preview_unsaved(self, request, object_id, form_url):
        """The change form again, with the edited texts rendered in the letter below it
        (or the PDF of that letter). Nothing is saved, nothing is logged."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        fieldsets = self.get_fieldsets(request, obj)
        ModelForm = self.get_form(request, obj, change=True, fields=flatten_fieldsets(fieldsets))
        form = ModelForm(request.POST, instance=obj)  # obj is changed in memory only
        preview_html = ""
        if form.is_valid():
            letter = samples.sample_letter(obj.kind, texts=self._texts(form.instance))
            if "_preview_pdf" in request.POST:
                return self._pdf_response(letter, obj)
            preview_html = with_style_nonce(letter.html, request)
        admin_form = helpers.AdminForm(
            form,
            list(fieldsets),
            self.get_prepopulated_fields(request, obj),
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Brieftekst wijzigen"),
            "subtitle": str(obj),
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            **self._help_context(obj, preview_html),
        }
        return self.render_change_form(
            request, context, add=False, change=True, obj=obj, form_url=form_url
        )
