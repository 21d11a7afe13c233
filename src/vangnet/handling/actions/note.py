"""An internal note on the timeline: also on a closed complaint."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.complaints.events import Action

from ..base import SIDE, ComplaintAction, Context, Done, register

#: Longest note.
NOTE_MAX = 10_000


class NoteInput(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Notitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Alleen zichtbaar voor medewerkers van de gemeente."),
    )


@register
class AddNote(ComplaintAction):
    name = "note"
    label = gettext_lazy("Notitie toevoegen")
    button = gettext_lazy("Notitie opslaan")
    event = Action.NOTE_ADDED
    permission = "complaints.add_note"
    when_closed = True
    input = NoteInput
    placement = SIDE
    page_path = "notitie"
    done_message = gettext_lazy("De notitie is toegevoegd.")
    api_path = "notes"
    api_flag = "note"
    api_operation = "complaints_add_note"
    api_created = True
    api_summary = "Add a note"
    api_description = "An internal note on the timeline, also on a closed complaint."

    def apply(self, ctx: Context) -> Done:
        text = (ctx.data.get("text") or "").strip()
        if not text:
            ctx.errors.add("text", _("Schrijf een notitie."))
        elif len(text) > NOTE_MAX:
            ctx.errors.add("text", _("Een notitie mag hoogstens 10.000 tekens zijn."))
        ctx.errors.raise_if_any()
        return Done(text)
