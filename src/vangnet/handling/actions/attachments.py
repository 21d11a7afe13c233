"""Add attachments to the complaint's file: also on a closed complaint. Type from the
content (PDF, JPEG, PNG), size and count limits (`complaints.attachments`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vangnet.complaints import attachments
from vangnet.complaints.events import Action
from vangnet.core.forms import MultipleFileField

from ..base import SIDE, ComplaintAction, Context, Done, register


class AttachmentInput(forms.Form):
    attachments = MultipleFileField(
        label=gettext_lazy("Bestanden"),
        help_text=gettext_lazy("PDF, JPG of PNG. U kunt meerdere bestanden tegelijk kiezen."),
    )


@register
class AddAttachments(ComplaintAction):
    name = "attachments"
    label = gettext_lazy("Bijlagen toevoegen")
    button = gettext_lazy("Toevoegen")
    event = Action.ATTACHMENT_ADDED
    permission = "complaints.add_attachment"
    when_closed = True
    input = AttachmentInput
    placement = SIDE
    page_path = "bijlagen"
    api_component = "AttachmentUpload"
    api_path = "attachments"
    api_flag = "attachments"
    api_operation = "complaints_add_attachments"
    api_created = True
    api_formats = ("multipart",)
    api_summary = "Add attachments"
    api_description = (
        "multipart/form-data with one or more `files`: PDF, JPG or PNG, recognised by their "
        "content. Also on a closed complaint."
    )

    def apply(self, ctx: Context) -> Done:
        complaint, files = ctx.complaint, list(ctx.data.get("attachments") or [])
        if not files:
            ctx.errors.add("attachments", _("Kies een bestand."))
        else:
            try:
                types = attachments.validate_uploads(files, already=complaint.attachments.count())
            except ValidationError as error:
                ctx.errors.extend(error, field_name="attachments")
        ctx.errors.raise_if_any()
        stored = [
            attachments.store(
                complaint=complaint, upload=upload, content_type=content_type, actor=ctx.actor
            )
            for upload, content_type in zip(files, types, strict=True)
        ]
        return Done(", ".join(a.original_name for a in stored), record=stored)

    def message(self, result) -> str:
        count = len(result.record)
        return ngettext(
            "%(count)s bijlage is toegevoegd.", "%(count)s bijlagen zijn toegevoegd.", count
        ) % {"count": count}
