"""Forms of the partner portal and the reply link. They check the shape of the input;
the rules (name and text required, text length, one reply only) are those of
`vangnet.complaints.forwarding.record_partner_reply`, whose errors the views put next to
the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.backoffice.forms import StyledForm
from vangnet.complaints.models import PartnerOutcome

from . import selectors


class ReplyForm(StyledForm):
    name = forms.CharField(
        label=_("Uw naam"),
        required=False,
        help_text=_("Wie antwoordt er namens uw organisatie?"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    action = forms.CharField(
        label=_("Wat heeft uw organisatie met de klacht gedaan?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Bijvoorbeeld: wanneer u de indiener sprak, wat u afsprak en wat u veranderde. "
            "Hoogstens 10.000 tekens."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Wat is de uitkomst?"),
        required=False,
        choices=PartnerOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies wat de uitkomst is.")},
    )

    def __init__(self, *args, with_name: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_name:
            # A partner user is signed in: their own name is recorded.
            del self.fields["name"]


class ForwardFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek op kenmerk"),
        required=False,
        help_text=_("Bijvoorbeeld 2026-00123, of een deel daarvan."),
    )
    status = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            ("", _("Alle doorgestuurde klachten")),
            (selectors.OPEN, _("Klacht nog open bij de gemeente")),
            (selectors.AWAITING, _("Nog niet beantwoord")),
            (selectors.OVERDUE, _("Antwoord te laat")),
            (selectors.REPLIED, _("Beantwoord")),
        ],
        error_messages={"invalid_choice": _("Kies wat u wilt zien uit de lijst.")},
    )
    ordering = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[
            ("-forwarded_on", _("Doorgestuurd (nieuw → oud)")),
            ("forwarded_on", _("Doorgestuurd (oud → nieuw)")),
            ("reply_due_on", _("Antwoord uiterlijk (eerst → laatst)")),
            ("-reply_due_on", _("Antwoord uiterlijk (laatst → eerst)")),
        ],
        error_messages={"invalid_choice": _("Kies een sortering uit de lijst.")},
    )
