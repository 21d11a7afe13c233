"""From a resident's answers on the complaint form to the input of
`vangnet.complaints.services.register_complaint`.

The rules of the register stay in the service; this module only translates. The
resident does not choose a theme or the formal/light path: `registration_data()` derives
both (see `pick_theme`) and says why in `formality_note`, for the coordinator, in the
register's language.
"""

from django.conf import settings
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext

from vangnet.complaints import deadlines
from vangnet.complaints.models import (
    Channel,
    ContactPreference,
    Kind,
    LightPathReason,
    SubjectType,
)
from vangnet.organisations.models import Partner, Theme

from .form_fields import stripped

FORMALITY_NOTE_MAX = 300  # Complaint.formality_note

#: Names of the theme used for a complaint about the municipality itself, in this order
#: (name or slug, any case). The coordinator corrects the theme during triage.
DEFAULT_THEME_NAMES = ("Dienstverlening", "Bejegening")

#: The answers to "Over wie is uw klacht?" and how the register calls them.
SUBJECT_MUNICIPALITY = "gemeente"
SUBJECT_PARTNER = "organisatie"
SUBJECT_COOPERATION = "samenwerking"
SUBJECT_TYPES = {
    SUBJECT_MUNICIPALITY: SubjectType.MUNICIPALITY,
    SUBJECT_PARTNER: SubjectType.PARTNER,
    SUBJECT_COOPERATION: SubjectType.COOPERATION,
}
#: The answers to "Heeft u hierover al geklaagd bij die organisatie?".
TRIED_YES = "ja"
TRIED_NO = "nee"


def registration_data(data: dict, *, involved: list[Partner], formal: bool) -> dict:
    """The form's cleaned answers as `services.register_complaint` takes them (a web
    complaint received today: the service's default date). `involved`: the partners of
    a cooperation complaint; `formal`: whether name and address make it formal."""
    subject = data["subject"]
    partner = data.get("partner") if subject == SUBJECT_PARTNER else None
    theme, theme_reason = pick_theme([partner] if partner else involved)
    representative = data.get("representative") or stripped(data.get("representative_name"))
    email = stripped(data.get("email"))
    phone = stripped(data.get("phone"))
    street = stripped(data.get("street"))
    description, note = _description_and_note(
        data, partner=partner, formal=formal, theme_reason=theme_reason
    )

    def representative_answer(name: str) -> str:
        return stripped(data.get(name)) if representative else ""

    return {
        "kind": Kind.COMPLAINT,
        "channel": Channel.WEB,
        "received_on": deadlines.today(),
        "subject_type": SUBJECT_TYPES[subject],
        "partner": partner,
        "theme": theme,
        "complainant_name": stripped(data.get("name")),
        "complainant_street": street,
        "complainant_postcode": stripped(data.get("postcode")),
        "complainant_city": stripped(data.get("city")),
        "complainant_email": email,
        "complainant_phone": phone,
        "preferred_contact": _preferred_contact(email=email, phone=phone, street=street),
        "representative_name": representative_answer("representative_name"),
        "representative_email": representative_answer("representative_email"),
        "representative_phone": representative_answer("representative_phone"),
        "description": description,
        "desired_outcome": stripped(data.get("desired_outcome")),
        "is_formal": formal,
        "light_path_reason": "" if formal else LightPathReason.INCOMPLETE,
        "formality_note": note,
    }


def _preferred_contact(*, email: str, phone: str, street: str) -> str:
    if email:
        return ContactPreference.EMAIL
    if phone:
        return ContactPreference.PHONE
    if street:
        return ContactPreference.LETTER
    return ContactPreference.EMAIL  # only the representative can be reached


def _description_and_note(
    data: dict, *, partner: Partner | None, formal: bool, theme_reason: str
) -> tuple[str, str]:
    """The description (with "when", if given) and the note for the coordinator, in the
    register's language; the note cut to `FORMALITY_NOTE_MAX`."""
    with translation.override(settings.LANGUAGE_CODE):
        description = stripped(data["description"])
        when = stripped(data.get("when"))
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
                        "De inwoner klaagde eerst bij de organisatie en voelt zich niet gehoord."
                    )
                )
            elif tried == TRIED_NO:
                notes.append(gettext("De inwoner heeft nog niet bij de organisatie geklaagd."))
        if theme_reason:
            notes.append(theme_reason)
        note = " ".join(notes)
    if len(note) > FORMALITY_NOTE_MAX:
        note = note[: FORMALITY_NOTE_MAX - 1].rstrip() + "…"
    return description, note


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
