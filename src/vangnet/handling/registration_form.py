"""The form of what registration records (`complaints.services.REGISTRATION_FIELDS`),
shared by the back office's registration page and the `correct` action: declared once.

Like every action's form it only parses and checks the shape of the input; the rules of
the register (Awb 9:4, the subject, the contact preference, the dates) are
`services.validate_registration`'s, put next to the fields by the caller.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.models import (
    Channel,
    ContactPreference,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.core.forms import StyledForm
from vangnet.organisations.models import Body, Department, Partner

from .inputs import ThemeChoiceField, UserChoiceField


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegistrationFields(StyledForm):
    """What a staff member records when registering a complaint (or a report, objection
    or question): the fields of `services.REGISTRATION_FIELDS` plus the involved
    partners, in the page's sections (`FIELDSETS`; a section's fields the form does not
    have are left out). The back office's registration form adds attachments and the
    acknowledgement; the `correct` action's form is this one, filled in."""

    #: The sections of the page: (legend, description, field names).
    FIELDSETS = [
        (
            _("Bericht"),
            "",
            [
                "kind",
                "received_on",
                "channel",
                "description",
                "conduct_on",
                "conduct_until",
                "desired_outcome",
                "redirected_to",
                "attachments",
            ],
        ),
        (
            _("Indiener"),
            _("Wie dient het bericht in? Voor een formele klacht zijn naam en adres nodig."),
            [
                "complainant_name",
                "complainant_street",
                "complainant_postcode",
                "complainant_city",
                "complainant_email",
                "complainant_phone",
                "preferred_contact",
            ],
        ),
        (
            _("Gemachtigde (niet verplicht)"),
            _("Alleen invullen als iemand de klacht namens de indiener indient."),
            ["representative_name", "representative_email", "representative_phone"],
        ),
        (
            _("Waar gaat het over"),
            "",
            [
                "subject_type",
                "theme",
                "department",
                "person_complained_about",
                "person_complained_about_user",
                "partner",
                "involved_partners",
                "neighbourhood",
                "body",
            ],
        ),
        (
            _("Route (Awb 9:4)"),
            _(
                "De formele procedure geldt voor een schriftelijke, ondertekende klacht met "
                "naam, adres, datum en een omschrijving van de gedraging. Anders volgt de "
                "klacht de lichte route; maak de klacht liever compleet dan haar te weigeren."
            ),
            ["is_formal", "light_path_reason", "formality_note", "advisory_committee"],
        ),
        (
            _("Ontvangstbevestiging"),
            _(
                "Een formele klacht krijgt binnen de termijn een schriftelijke "
                "ontvangstbevestiging: per e-mail, of per post als er geen e-mailadres is."
            ),
            ["send_acknowledgement"],
        ),
    ]

    kind = forms.ChoiceField(
        label=_("Soort bericht"),
        choices=Kind.choices,
        initial=Kind.COMPLAINT,
        widget=forms.RadioSelect,
        help_text=_(
            "Een melding, bezwaar of vraag wordt geregistreerd en doorverwezen; "
            "alleen een klacht krijgt termijnen."
        ),
        error_messages={"required": _("Kies de soort bericht.")},
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=_date_input(),
        help_text=_("De dag waarop het bericht binnenkwam, bijvoorbeeld 17-03-2026."),
        error_messages={
            "required": _("Vul de datum van ontvangst in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Ontvangen via"),
        choices=[("", _("Kies hoe het bericht binnenkwam")), *Channel.choices],
        error_messages={"required": _("Kies hoe het bericht binnenkwam.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat is er gebeurd, volgens de indiener? Wanneer, en wie was erbij?"),
        error_messages={"required": _("Beschrijf waar het bericht over gaat.")},
    )
    conduct_on = forms.DateField(
        label=_("Wanneer gebeurde het? (niet verplicht)"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "De dag van de gedraging, of de eerste dag van een periode. Na meer dan een jaar "
            "hoeft de klacht niet behandeld te worden (Awb 9:8)."
        ),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026.")},
    )
    conduct_until = forms.DateField(
        label=_("Tot en met (niet verplicht)"),
        required=False,
        widget=_date_input(),
        help_text=_("Alleen bij een periode: de laatste dag."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026.")},
    )
    desired_outcome = forms.CharField(
        label=_("Gewenste oplossing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat zou de indiener helpen?"),
    )
    redirected_to = forms.CharField(
        label=_("Doorverwezen naar"),
        required=False,
        max_length=300,
        help_text=_("Alleen bij een melding, bezwaar of vraag: waar is het naartoe gestuurd?"),
    )

    complainant_name = forms.CharField(label=_("Naam"), required=False, max_length=150)
    complainant_street = forms.CharField(
        label=_("Straat en huisnummer"), required=False, max_length=150
    )
    complainant_postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    complainant_city = forms.CharField(label=_("Woonplaats"), required=False, max_length=100)
    complainant_email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    complainant_phone = forms.CharField(label=_("Telefoon"), required=False, max_length=30)
    preferred_contact = forms.ChoiceField(
        label=_("Contact bij voorkeur via"),
        choices=ContactPreference.choices,
        initial=ContactPreference.EMAIL,
        widget=forms.RadioSelect,
    )

    representative_name = forms.CharField(
        label=_("Naam gemachtigde"), required=False, max_length=150
    )
    representative_email = forms.EmailField(
        label=_("E-mailadres gemachtigde"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    representative_phone = forms.CharField(
        label=_("Telefoon gemachtigde"), required=False, max_length=30
    )

    subject_type = forms.ChoiceField(
        label=_("De klacht gaat over"),
        choices=SubjectType.choices,
        initial=SubjectType.MUNICIPALITY,
        widget=forms.RadioSelect,
    )
    theme = ThemeChoiceField(label=_("Thema"))
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("Geen of onbekend"),
        help_text=_("De afdeling waarvan de gedraging is."),
    )
    person_complained_about = forms.CharField(
        label=_("Beklaagde (naam)"),
        required=False,
        max_length=150,
        help_text=_(
            "Over wie gaat de klacht? Deze persoon mag de klacht niet behandelen (Awb 9:7)."
        ),
    )
    person_complained_about_user = UserChoiceField(
        label=_("Beklaagde (medewerker met een account)"),
        queryset=get_user_model().objects.filter(is_active=True, partner__isnull=True),
        required=False,
        empty_label=_("Geen of onbekend"),
    )
    partner = forms.ModelChoiceField(
        label=_("Samenwerkingspartner"),
        queryset=Partner.objects.filter(is_active=True),
        required=False,
        empty_label=_("Geen"),
        help_text=_("Bij een klacht over een partner: over welke partner?"),
    )
    involved_partners = forms.ModelMultipleChoiceField(
        label=_("Betrokken partijen"),
        queryset=Partner.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen bij een samenwerkingsklacht: welke partijen werken samen?"),
    )
    neighbourhood = forms.CharField(label=_("Wijk"), required=False, max_length=100)
    body = forms.ModelChoiceField(
        label=_("Bestuursorgaan"),
        queryset=Body.objects.all(),
        required=False,
        empty_label=_("Het standaard bestuursorgaan"),
        help_text=_("Aan wie de klacht juridisch gericht is."),
    )

    is_formal = forms.TypedChoiceField(
        label=_("Route"),
        choices=[
            ("True", _("Formele klacht (Awb 9:5 tot en met 9:12)")),
            ("False", _("Lichte route: mondeling, namens een ander of onvolledig")),
        ],
        coerce=lambda value: value == "True",
        initial="True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de route.")},
    )
    light_path_reason = forms.ChoiceField(
        label=_("Reden lichte route"),
        choices=[("", _("Kies een reden")), *LightPathReason.choices],
        required=False,
    )
    formality_note = forms.CharField(label=_("Toelichting route"), required=False, max_length=300)
    advisory_committee = forms.BooleanField(
        label=_("Advies van de klachtadviescommissie (Awb 9:14; termijn 10 weken)"),
        required=False,
    )

    def fieldsets(self):
        for legend, description, names in self.FIELDSETS:
            names = [name for name in names if name in self.fields]
            if not names:
                continue
            yield {
                "legend": legend,
                "description": description,
                "fields": [self[name] for name in names],
                "has_errors": any(self.errors.get(name) for name in names),
            }
