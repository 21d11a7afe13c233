"""Record the advice of the advisory committee: a summary or the advice itself as a
file, and the judgment it recommends (Awb 9:14–9:16)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import attachments
from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import Judgment, State, Step
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import choice_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register
from ..inputs import date_field


class RecordAdviceInput(forms.Form):
    received_on = date_field(gettext_lazy("Advies ontvangen op"), today=True)
    recommended_judgment = choice_field(
        gettext_lazy("Geadviseerd oordeel"),
        [("", gettext_lazy("Niet genoemd")), *Judgment.choices],
        widget=forms.Select,
    )
    text = text_field(gettext_lazy("Samenvatting van het advies"), rows=6)
    file = forms.FileField(label=gettext_lazy("Advies (PDF)"), required=False)


@register
class RecordAdvice(ProcedureStep):
    step = Step.RECORD_ADVICE
    input = RecordAdviceInput
    next_in = (State.WITH_COMMITTEE,)
    help = gettext_lazy("Vat het advies samen of voeg het advies toe als PDF.")
    api_path = "advice/record"
    api_formats = ("json", "multipart")
    api_summary = "Record the advice"
    api_description = (
        "multipart/form-data with an optional `file` (the advice: PDF, JPG or PNG, "
        "recognised by content), or JSON without one; a summary (`text`) or the file is "
        "needed."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        advice = complaint.advice
        received_on = rules.past_date(data, errors, "received_on", not_before=advice.requested_on)
        text = rules.optional_text(data, errors, "text")
        upload = data.get("file")
        if not text and not upload:
            errors.add("text", _("Vat het advies samen, of voeg het advies toe als bestand."))
        recommended = data.get("recommended_judgment") or ""
        if recommended and recommended not in Judgment.values:
            errors.add("recommended_judgment", _("Kies een oordeel uit de lijst."))
        types: list[str] = []
        if upload:
            try:
                types = attachments.validate_uploads(
                    [upload], already=complaint.attachments.count()
                )
            except ValidationError as error:
                errors.extend(error, field_name="file")
        errors.raise_if_any()
        if upload:
            advice.attachment = attachments.store(
                complaint=complaint, upload=upload, content_type=types[0], actor=ctx.actor
            )
        advice.received_on = received_on
        advice.text = text
        advice.recommended_judgment = recommended
        advice.save()
        return Done(
            RecordText(
                _lazy("Advies van %(committee)s ontvangen op %(day)s."),
                committee=advice.committee,
                day=lazy_long_date(received_on),
            )
        )
