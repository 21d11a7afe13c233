"""Forms of the resident site: the search box and the complaint form.

The complaint form checks what a resident can fix on the page (a required answer, a
postcode, a way to reach them, the attachments' type and size) with plain B1 messages.
The rules of the register stay in `vangnet.complaints.services.register_complaint`;
`registration_data()` turns the answers into its input, and the view puts any error of
the service next to the field it is about (`SERVICE_FIELDS`).

The resident does not choose a theme or the formal/light path: `registration_data()`
derives both (see `pick_theme`) and says why in `formality_note`, for the coordinator.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import attachments as attachment_rules
from vangnet.complaints.models import (
    Channel,
    ContactPreference,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.core.forms import MultipleFileField, StyledForm
from vangnet.organisations.models import Partner, Theme

from .search import MAX_QUERY_LENGTH

DESCRIPTION_MAX = 5_000
DESIRED_OUTCOME_MAX = 2_000
WHEN_MAX = 100
FORMALITY_NOTE_MAX = 300  # Complaint.formality_note

#: Names of the theme used for a complaint about the municipality itself, in this order
#: (name or slug, any case). The coordinator corrects the theme during triage.
DEFAULT_THEME_NAMES = ("Dienstverlening", "Bejegening")

SUBJECT_MUNICIPALITY = "gemeente"
SUBJECT_PARTNER = "organisatie"
SUBJECT_COOPERATION = "samenwerking"
SUBJECT_TYPES = {
    SUBJECT_MUNICIPALITY: SubjectType.MUNICIPALITY,
    SUBJECT_PARTNER: SubjectType.PARTNER,
    SUBJECT_COOPERATION: SubjectType.COOPERATION,
}
TRIED_YES = "ja"
TRIED_NO = "nee"

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

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$")
_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-.\s]+$")


def _text(value: str) -> str:
    return (value or "").strip()


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Waar gaat uw klacht over?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Typ een woord, bijvoorbeeld: afval, schulden, jeugdzorg of parkeren."),
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "type": "search"}
        ),
    )


class AttachmentsField(MultipleFileField):
    """Several files. Size, count and type are checked by `complaints.attachments` (in
    `ComplaintForm.clean_attachments` and again by the service); an empty file is left
    to it too, so that its message names the file."""

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = []
        for item in items:
            if not item:
                continue
            if getattr(item, "size", None) == 0 and getattr(item, "name", None):
                cleaned.append(item)
            else:
                cleaned.append(forms.FileField.clean(self, item, initial))
        return cleaned


class PartnerChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Partner.objects.filter(is_active=True).order_by("name"),
            to_field_name="slug",
            **kwargs,
        )


class PartnersChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Partner.objects.filter(is_active=True).order_by("name"),
            to_field_name="slug",
            **kwargs,
        )


def _postcode(value: str) -> str:
    """'1234ab', '1234 AB', ' 1234  ab ' -> '1234 AB'; raise for anything else."""
    match = _POSTCODE.match(value or "")
    if not match:
        raise ValidationError(
            _("Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB."), code="postcode"
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def _phone(value: str, message) -> str:
    value = _text(value)
    if not value:
        return ""
    digits = sum(char.isdigit() for char in value)
    if not _PHONE_CHARACTERS.match(value) or not 8 <= digits <= 15:
        raise ValidationError(message, code="phone")
    return value


def _within(value: str, maximum: int) -> str:
    """The text, or a plain message saying how much too long it is."""
    if len(value) > maximum:
        raise ValidationError(
            _("Uw tekst is %(count)s tekens lang. Maak hem korter: hoogstens %(max)s tekens.")
            % {
                "count": number_format(len(value), force_grouping=True),
                "max": number_format(maximum, force_grouping=True),
            },
            code="max_length",
        )
    return value


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

    name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Uw naam is te lang: hoogstens 150 tekens.")},
    )
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
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        help_text=_("Bijvoorbeeld: 06 12345678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("Dit telefoonnummer is te lang.")},
    )

    representative = forms.BooleanField(
        label=_("Ik dien de klacht in voor iemand anders"), required=False
    )
    representative_name = forms.CharField(
        label=_("Uw naam"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Uw naam is te lang: hoogstens 150 tekens.")},
    )
    representative_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )
    representative_phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel"}),
        error_messages={"max_length": _("Dit telefoonnummer is te lang.")},
    )

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
        return bool(_text(self.data.get("website", "")))

    # --- Field checks ---------------------------------------------------------------

    def clean_description(self) -> str:
        return _within(_text(self.cleaned_data.get("description")), DESCRIPTION_MAX)

    def clean_desired_outcome(self) -> str:
        return _within(_text(self.cleaned_data.get("desired_outcome")), DESIRED_OUTCOME_MAX)

    def clean_postcode(self) -> str:
        value = _text(self.cleaned_data.get("postcode"))
        return _postcode(value) if value else ""

    def clean_phone(self) -> str:
        return _phone(
            self.cleaned_data.get("phone"),
            _("Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678."),
        )

    def clean_representative_phone(self) -> str:
        return _phone(
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

        street, city, postcode = (_text(data.get(name)) for name in ("street", "city", "postcode"))
        if (street or city or postcode) and not street:
            missing["street"] = _("Vul ook uw straat en huisnummer in.")
        if (street or city or postcode) and not city:
            missing["city"] = _("Vul ook uw woonplaats in.")

        representative = data.get("representative") or any(
            _text(data.get(name))
            for name in ("representative_name", "representative_email", "representative_phone")
        )
        if representative and not _text(data.get("representative_name")):
            missing["representative_name"] = _(
                "Vul uw eigen naam in, omdat u de klacht voor iemand anders indient."
            )
        for name, message in missing.items():
            if name not in self.errors:  # one message per field: the first problem
                self.add_error(name, message)

        contact_fields = ["email", "phone"]
        if representative:
            contact_fields += ["representative_email", "representative_phone"]
        has_contact = any(_text(data.get(name)) for name in contact_fields)
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
        return all(_text(data.get(name)) for name in ("name", "street", "city"))

    def involved(self) -> list[Partner]:
        if self.cleaned_data.get("subject") == SUBJECT_COOPERATION:
            return list(self.cleaned_data.get("partners") or [])
        return []

    def registration_data(self) -> dict:
        """The answers as `services.register_complaint` takes them (a web complaint
        received today: the service's default date)."""
        from vangnet.complaints import deadlines

        data = self.cleaned_data
        subject = data["subject"]
        partner = data.get("partner") if subject == SUBJECT_PARTNER else None
        involved = self.involved()
        theme, theme_reason = pick_theme([partner] if partner else involved)
        formal = self.is_formal()
        representative = data.get("representative") or _text(data.get("representative_name"))

        email = _text(data.get("email"))
        phone = _text(data.get("phone"))
        street = _text(data.get("street"))
        if email:
            preferred = ContactPreference.EMAIL
        elif phone:
            preferred = ContactPreference.PHONE
        elif street:
            preferred = ContactPreference.LETTER
        else:
            preferred = ContactPreference.EMAIL  # only the representative can be reached

        with translation.override(settings.LANGUAGE_CODE):  # the register's language
            description = _text(data["description"])
            when = _text(data.get("when"))
            if when:
                description += "\n\n" + gettext("Wanneer ongeveer: %(when)s") % {"when": when}
            notes = [gettext("Ingediend via de website.")]
            if not formal:
                notes.append(gettext("Naam of adres ontbreekt: lichte route."))
            if partner is not None:
                tried = data.get("already_tried")
                if tried == TRIED_YES:
                    notes.append(
                        gettext(
                            "De inwoner klaagde eerst bij de organisatie en voelt zich "
                            "niet gehoord."
                        )
                    )
                elif tried == TRIED_NO:
                    notes.append(gettext("De inwoner heeft nog niet bij de organisatie geklaagd."))
            if theme_reason:
                notes.append(theme_reason)
            note = " ".join(notes)
        if len(note) > FORMALITY_NOTE_MAX:
            note = note[: FORMALITY_NOTE_MAX - 1].rstrip() + "…"

        return {
            "kind": Kind.COMPLAINT,
            "channel": Channel.WEB,
            "received_on": deadlines.today(),
            "subject_type": SUBJECT_TYPES[subject],
            "partner": partner,
            "theme": theme,
            "complainant_name": _text(data.get("name")),
            "complainant_street": street,
            "complainant_postcode": _text(data.get("postcode")),
            "complainant_city": _text(data.get("city")),
            "complainant_email": email,
            "complainant_phone": phone,
            "preferred_contact": preferred,
            "representative_name": _text(data.get("representative_name")) if representative else "",
            "representative_email": _text(data.get("representative_email"))
            if representative
            else "",
            "representative_phone": _text(data.get("representative_phone"))
            if representative
            else "",
            "description": description,
            "desired_outcome": _text(data.get("desired_outcome")),
            "is_formal": formal,
            "light_path_reason": "" if formal else LightPathReason.INCOMPLETE,
            "formality_note": note,
        }


def pick_theme(partners: list[Partner]) -> tuple[Theme | None, str]:
    """The theme a web complaint is registered under, and why (in the register's
    language, for `formality_note`). The resident does not choose one; the coordinator
    sets the right one during triage:

    1. the first active sub-theme of the (first) partner, else its first active theme;
    2. the first active theme named like `DEFAULT_THEME_NAMES`;
    3. any active theme (a main theme first).
    """
    for partner in partners:
        themes = list(partner.themes.filter(is_active=True).order_by("parent__name", "name"))
        subthemes = [theme for theme in themes if theme.parent_id]
        chosen = (subthemes or themes or [None])[0]
        if chosen is not None:
            return chosen, gettext("Thema voorlopig gekozen: het thema van de organisatie.")
    active = Theme.objects.filter(is_active=True)
    for name in DEFAULT_THEME_NAMES:
        theme = active.filter(Q(name__iexact=name) | Q(slug__iexact=name)).order_by("pk").first()
        if theme is not None:
            return theme, gettext("Thema voorlopig gekozen: %(theme)s.") % {"theme": theme.name}
    theme = active.order_by(F("parent").asc(nulls_first=True), "name").first()
    if theme is not None:
        return theme, gettext("Thema voorlopig gekozen: %(theme)s.") % {"theme": theme.name}
    return None, ""


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
