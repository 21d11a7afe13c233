"""The public complaint form: its fields in four fieldsets, and the checks a resident
can fix on the page (a required answer, a postcode, a way to reach them, the
attachments' type and size) with plain B1 messages.

The rules of the register stay in `vangnet.complaints.services.register_complaint`;
`ComplaintForm.registration_data()` turns the answers into its input (see
`complaint_registration`), and the view puts any error of the service next to the field
it is about (`SERVICE_FIELDS`). Preselection from the query string: `initial_from_query`.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import attachments as attachment_rules
from vangnet.core.forms import StyledForm
from vangnet.organisations.models import Partner

from .complaint_registration import (
    SUBJECT_COOPERATION,
    SUBJECT_MUNICIPALITY,
    SUBJECT_PARTNER,
    TRIED_NO,
    TRIED_YES,
    registration_data,
)
from .form_fields import (
    AttachmentsField,
    PartnerChoiceField,
    PartnersChoiceField,
    check_phone,
    email_field,
    name_field,
    phone_field,
    stripped,
    tidy_postcode,
    within,
)

DESCRIPTION_MAX = 5_000
DESIRED_OUTCOME_MAX = 2_000
WHEN_MAX = 100

#: Field names of `register_complaint` -> fields of the complaint form.
SERVICE_FIELDS = {
    "complainant_name": "name",
    "complainant_street": "street",
    "complainant_postcode": "postcode",
    "complainant_city": "city",
    "complainant_email": "email",
    "complainant_phone": "phone",
    "representative_name": "representative_name",
    "representative_email": "representative_email",
    "representative_phone": "representative_phone",
    "description": "description",
    "desired_outcome": "desired_outcome",
    "partner": "partner",
    "involved_partners": "partners",
    "subject_type": "subject",
    "attachments": "attachments",
}


class ComplaintForm(StyledForm):
    """The public complaint form. Preselection (from the Klachtenwijzer, a partner page
    or the route) comes in as `initial` from `initial_from_query`."""

    FIELDSETS = [
        (
            "about",
            _("Waarover gaat uw klacht?"),
            "",
            ["subject", "partner", "already_tried", "partners"],
        ),
        (
            "what",
            _("Wat is er gebeurd?"),
            "",
            ["description", "when", "desired_outcome", "attachments"],
        ),
        (
            "you",
            _("Uw gegevens"),
            _(
                "Wij hebben uw naam en adres nodig om u een brief te sturen met ons antwoord. "
                "Zonder adres nemen we uw klacht ook in behandeling, maar dan krijgt u geen "
                "brief. Vul ook uw e-mailadres of telefoonnummer in. Dan kunnen we u bellen "
                "of mailen om uw klacht te bespreken."
            ),
            ["name", "street", "postcode", "city", "email", "phone"],
        ),
        (
            "representative",
            _("Dient u de klacht in voor iemand anders?"),
            _(
                "Bijvoorbeeld voor uw moeder, uw buurman of een cliënt. Vul dan hierboven de "
                "gegevens in van de persoon om wie het gaat. Vul hier uw eigen gegevens in."
            ),
            [
                "representative",
                "representative_name",
                "representative_email",
                "representative_phone",
            ],
        ),
    ]

    subject = forms.ChoiceField(
        label=_("Over wie is uw klacht?"),
        choices=[
            (SUBJECT_MUNICIPALITY, _("Over de gemeente")),
            (SUBJECT_PARTNER, _("Over een organisatie die werk doet voor de gemeente")),
            (SUBJECT_COOPERATION, _("Meerdere organisaties werken niet goed samen")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies over wie uw klacht is."),
            "invalid_choice": _("Kies over wie uw klacht is."),
        },
    )
    partner = PartnerChoiceField(
        label=_("Over welke organisatie gaat uw klacht?"),
        required=False,
        empty_label=_("Kies een organisatie"),
        help_text=_("Alleen invullen als uw klacht over een organisatie gaat."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    already_tried = forms.ChoiceField(
        label=_("Heeft u hierover al geklaagd bij die organisatie?"),
        choices=[
            (TRIED_YES, _("Ja, maar ik ben niet goed geholpen")),
            (TRIED_NO, _("Nee, nog niet")),
        ],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Niet verplicht. Vaak is het sneller om eerst bij de organisatie zelf te klagen. "
            "Maar u mag ook meteen bij de gemeente klagen."
        ),
        error_messages={"invalid_choice": _("Kies 'ja' of 'nee'.")},
    )
    partners = PartnersChoiceField(
        label=_("Welke organisaties werken niet goed samen?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen invullen als meerdere organisaties niet goed samenwerken."),
        error_messages={"invalid_choice": _("Kies organisaties uit de lijst.")},
    )

    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Vertel wat er gebeurde en wie erbij was. U kunt hoogstens 5.000 tekens "
            "schrijven. Dat is ongeveer 2 kantjes."
        ),
        error_messages={"required": _("Vertel wat er is gebeurd.")},
    )
    when = forms.CharField(
        label=_("Wanneer was dit ongeveer? (niet verplicht)"),
        required=False,
        max_length=WHEN_MAX,
        help_text=_("Bijvoorbeeld: 3 maart, of: vorige week."),
        error_messages={"max_length": _("Schrijf dit korter: hoogstens 100 tekens.")},
    )
    desired_outcome = forms.CharField(
        label=_("Wat zou u willen dat er gebeurt? (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: excuses, een gesprek, of dat iets wordt opgelost."),
    )
    attachments = AttachmentsField(
        label=_("Bestanden meesturen (niet verplicht)"),
        help_text="",  # set in __init__: it names the limits from the settings
    )

    name = name_field(_("Naam"))
    street = forms.CharField(
        label=_("Straat en huisnummer"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Dit adres is te lang: hoogstens 150 tekens.")},
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("Bijvoorbeeld: 1234 AB"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 7}),
        error_messages={
            "max_length": _("Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB.")
        },
    )
    city = forms.CharField(
        label=_("Woonplaats"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Deze woonplaats is te lang: hoogstens 100 tekens.")},
    )
    email = email_field(_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = phone_field(
        _("Telefoonnummer"), help_text=_("Bijvoorbeeld: 06 12345678"), autocomplete="tel"
    )

    representative = forms.BooleanField(
        label=_("Ik dien de klacht in voor iemand anders"), required=False
    )
    representative_name = name_field(_("Uw naam"))
    representative_email = email_field(_("Uw e-mailadres"))
    representative_phone = phone_field(_("Uw telefoonnummer"))

    privacy = forms.BooleanField(
        label=_("Ik heb dit gelezen"),
        error_messages={
            "required": _(
                "Zet een vinkje bij 'Ik heb dit gelezen'. Lees eerst hoe wij met uw "
                "gegevens omgaan."
            )
        },
    )

    #: The spam trap: hidden from people (CSS, aria-hidden, no tab stop); a bot fills it.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Bijvoorbeeld een brief of een foto. Een PDF-, JPG- of PNG-bestand van hoogstens "
            "%(mb)s MB. U kunt %(count)s bestanden meesturen."
        ) % {
            "mb": settings.VANGNET["ATTACHMENT_MAX_MB"],
            "count": settings.VANGNET["ATTACHMENT_MAX_COUNT"],
        }
        self.fields["attachments"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        )
        autocomplete = {"name": "name", "street": "street-address", "city": "address-level2"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["postcode"].widget.attrs["class"] += " utrecht-textbox--postal-code-nl-size"

    # --- Honeypot -------------------------------------------------------------------

    @property
    def is_spam(self) -> bool:
        """True when the hidden spam-trap field was filled in."""
        return bool(stripped(self.data.get("website", "")))

    # --- Field checks ---------------------------------------------------------------

    def clean_description(self) -> str:
        return within(stripped(self.cleaned_data.get("description")), DESCRIPTION_MAX)

    def clean_desired_outcome(self) -> str:
        return within(stripped(self.cleaned_data.get("desired_outcome")), DESIRED_OUTCOME_MAX)

    def clean_postcode(self) -> str:
        value = stripped(self.cleaned_data.get("postcode"))
        return tidy_postcode(value) if value else ""

    def clean_phone(self) -> str:
        return check_phone(
            self.cleaned_data.get("phone"),
            _("Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678."),
        )

    def clean_representative_phone(self) -> str:
        return check_phone(
            self.cleaned_data.get("representative_phone"),
            _("Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678."),
        )

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if files:
            # The same rules as the service (which checks again), so that every error
            # shows at once, with the rest of the form's messages.
            attachment_rules.validate_uploads(files)
        return files

    def clean(self):
        data = super().clean()
        subject = data.get("subject")
        missing: dict[str, str] = {}
        if subject == SUBJECT_PARTNER and not data.get("partner"):
            missing["partner"] = _("Kies de organisatie waarover u klaagt.")
        if subject == SUBJECT_COOPERATION and len(data.get("partners") or []) < 2:
            missing["partners"] = _(
                "Kies minstens 2 organisaties die niet goed samenwerken. Gaat het om de "
                "gemeente en 1 organisatie? Kies dan hierboven 'Over een organisatie die werk "
                "doet voor de gemeente'."
            )

        street, city, postcode = (
            stripped(data.get(name)) for name in ("street", "city", "postcode")
        )
        if (street or city or postcode) and not street:
            missing["street"] = _("Vul ook uw straat en huisnummer in.")
        if (street or city or postcode) and not city:
            missing["city"] = _("Vul ook uw woonplaats in.")

        representative = data.get("representative") or any(
            stripped(data.get(name))
            for name in ("representative_name", "representative_email", "representative_phone")
        )
        if representative and not stripped(data.get("representative_name")):
            missing["representative_name"] = _(
                "Vul uw eigen naam in, omdat u de klacht voor iemand anders indient."
            )
        for name, message in missing.items():
            if name not in self.errors:  # one message per field: the first problem
                self.add_error(name, message)

        contact_fields = ["email", "phone"]
        if representative:
            contact_fields += ["representative_email", "representative_phone"]
        has_contact = any(stripped(data.get(name)) for name in contact_fields)
        typed_but_invalid = any(name in self.errors for name in contact_fields)
        if not has_contact and not typed_but_invalid:
            self.add_error(
                "email",
                _(
                    "Vul uw e-mailadres of uw telefoonnummer in. Dan kunnen we contact met u "
                    "opnemen over uw klacht."
                ),
            )
        return data

    # --- Layout ---------------------------------------------------------------------

    def fieldsets(self):
        for key, legend, description, names in self.FIELDSETS:
            yield {
                "key": key,
                "legend": legend,
                "description": description,
                "fields": [self[name] for name in names],
            }

    # --- To the service -------------------------------------------------------------

    def is_formal(self) -> bool:
        """Awb 9:4: name and address make the formal procedure; otherwise the lighter
        path (reason: incomplete), and the coordinator helps make it complete."""
        data = self.cleaned_data
        return all(stripped(data.get(name)) for name in ("name", "street", "city"))

    def involved(self) -> list[Partner]:
        if self.cleaned_data.get("subject") == SUBJECT_COOPERATION:
            return list(self.cleaned_data.get("partners") or [])
        return []

    def registration_data(self) -> dict:
        """The answers as `services.register_complaint` takes them."""
        return registration_data(
            self.cleaned_data, involved=self.involved(), formal=self.is_formal()
        )


def initial_from_query(params) -> dict:
    """Preselection from the query string: `?partner=<slug>&gehoord=nee` (complaint
    about a partner that did not hear the resident), `?soort=samenwerking` (a
    cooperation complaint; with `partner` that partner checked), `?soort=gemeente`.
    Unknown values are ignored."""
    initial: dict = {}
    soort = params.get("soort", "")
    slug = params.get("partner", "")
    partner = (
        Partner.objects.filter(is_active=True, slug=slug).first()
        if slug and len(slug) <= 150
        else None
    )
    if soort == SUBJECT_COOPERATION:
        initial["subject"] = SUBJECT_COOPERATION
        if partner is not None:
            initial["partners"] = [partner.slug]
    elif soort == SUBJECT_MUNICIPALITY:
        initial["subject"] = SUBJECT_MUNICIPALITY
    elif partner is not None or soort == SUBJECT_PARTNER:
        initial["subject"] = SUBJECT_PARTNER
        if partner is not None:
            initial["partner"] = partner.slug
    if initial.get("subject") == SUBJECT_PARTNER and params.get("gehoord") == "nee":
        # "Niet gehoord": the resident complained to the partner already, without result.
        initial["already_tried"] = TRIED_YES
    return initial
