"""Forms of the status page. They check the shape of the input; the rules (at least
text or a file, attachment types and limits, only while open) are the services'
(`vangnet.complaints.services`), whose errors the views put next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import MultipleFileField, StyledForm
from vangnet.handling.actions.complainant import COMPLAINANT_TEXT_MAX, WITHDRAW_REASON_MAX


class AddInformationForm(StyledForm):
    text = forms.CharField(
        label=_("Wat wilt u ons nog laten weten?"),
        required=False,
        max_length=COMPLAINANT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hoogstens 5.000 tekens."),
        error_messages={
            "max_length": _(
                "Uw tekst is %(show_value)s tekens. Dat mag hoogstens %(limit_value)s zijn."
            )
        },
    )
    attachments = MultipleFileField(
        # Empty files are refused by the attachment rules, with the file's name.
        allow_empty_file=True,
        label=_("Bestanden (niet verplicht)"),
        help_text=_("PDF, JPG of PNG. U kunt meerdere bestanden tegelijk kiezen."),
    )


class WithdrawForm(StyledForm):
    reason = forms.CharField(
        label=_("Waarom trekt u uw klacht in? (niet verplicht)"),
        required=False,
        max_length=WITHDRAW_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: het probleem is al opgelost."),
        error_messages={
            "max_length": _(
                "Uw uitleg is %(show_value)s tekens. Dat mag hoogstens %(limit_value)s zijn."
            )
        },
    )


class StatusRequestForm(StyledForm):
    reference = forms.CharField(
        label=_("Kenmerk van uw klacht"),
        max_length=20,
        help_text=_("Dit staat in de bevestiging die u kreeg, bijvoorbeeld 2026-00123."),
        error_messages={
            "required": _("Vul het kenmerk van uw klacht in."),
            "max_length": _("Een kenmerk is korter. Bijvoorbeeld 2026-00123."),
        },
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Het e-mailadres dat u gaf toen u de klacht indiende."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
