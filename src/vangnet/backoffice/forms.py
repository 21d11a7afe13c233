"""The registration form of the back office (the actions' forms are the actions' own:
`vangnet.handling.actions`).

Its fields are `handling.registration_form.RegistrationFields` (shared with the `correct`
action), plus attachments and the acknowledgement. It only parses and checks the shape of
the input (a date is a date, a choice is one of the choices). The rules of the register
(Awb 9:4, attachments ...) live in `vangnet.complaints.services`; their
`ValidationError`s are put on the form's fields with `apply_service_errors`, so the user
sees every message next to the field it is about.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import deadlines
from vangnet.core.forms import MultipleFileField
from vangnet.handling.registration_form import RegistrationFields


class RegistrationForm(RegistrationFields):
    """Staff registration of a complaint (or a report, objection or question) received by
    phone, letter, at the counter, by e-mail ..."""

    attachments = MultipleFileField(
        label=_("Bijlagen"),
        help_text=_("PDF, JPG of PNG. U kunt meerdere bestanden tegelijk kiezen."),
    )
    send_acknowledgement = forms.BooleanField(
        label=_("Ontvangstbevestiging nu sturen (Awb 9:6)"),
        required=False,
        initial=True,
        help_text=_("Alleen bij een klacht."),
    )

    def __init__(self, *args, can_acknowledge: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("received_on", deadlines.today())
        if not can_acknowledge:
            # Only who may handle the new complaint sends it: for a handler that is the
            # coordinator, once the complaint is assigned.
            del self.fields["send_acknowledgement"]

    def registration_data(self) -> dict:
        """The cleaned data as `services.register_complaint` takes it."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"involved_partners", "attachments", "send_acknowledgement"}
        }
        if data.get("is_formal") is None:
            data["is_formal"] = True
        return data
