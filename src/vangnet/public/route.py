""" "Waar kan ik terecht?": a short guided route, one plain question per page.

The answers travel in the query string (GET forms with hidden fields), so the route needs
no session and no JavaScript, and every step has its own URL (bookmark, back button).

Parameters:
- `wat`         question 1, what happened (see `WHAT_CHOICES`);
- `organisatie` question 2, which organisation: a partner's slug or `onbekend`;
- `al_geklaagd` question 3, did you complain to that organisation already: `ja` / `nee`;
- `stap`        the question the form on the page answered (so an empty answer is an
                error rather than a first visit);
- `vraag`       show this question again with its answer checked ("Vorige stap").

`resolve(params)` turns the parameters into the next `Question` (possibly with an error)
or the `Result` at the end of the route. Bad input never raises: it shows the question
again with a message.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.organisations.models import Partner

# Results (the end of the route).
REPORT = "melding"
OBJECTION = "bezwaar"
MUNICIPALITY = "gemeente"
COOPERATION = "samenwerking"
UNKNOWN_PARTNER = "onbekend"
PARTNER_FIRST = "eerst-organisatie"
PARTNER_NOT_HEARD = "niet-gehoord"

WHAT_REPORT = "kapot"
WHAT_OBJECTION = "besluit"
WHAT_MUNICIPALITY = "gemeente"
WHAT_PARTNER = "organisatie"
WHAT_COOPERATION = "samenwerking"

WHAT_CHOICES = [
    (WHAT_REPORT, _("Er is iets kapot of vies op straat")),
    (WHAT_OBJECTION, _("Ik ben het niet eens met een besluit of een brief van de gemeente")),
    (WHAT_MUNICIPALITY, _("Ik ben niet goed behandeld door de gemeente")),
    (WHAT_PARTNER, _("Ik ben niet tevreden over een organisatie die werk doet voor de gemeente")),
    (WHAT_COOPERATION, _("Organisaties werken niet goed samen")),
]
WHAT_HELP = {
    WHAT_REPORT: _("Bijvoorbeeld een kapotte lantaarnpaal, een losse stoeptegel of zwerfafval."),
    WHAT_OBJECTION: _("Bijvoorbeeld: u kreeg geen uitkering, vergunning of parkeervergunning."),
    WHAT_MUNICIPALITY: _(
        "Bijvoorbeeld: een medewerker was onvriendelijk, of u kreeg geen antwoord."
    ),
    WHAT_PARTNER: _("Bijvoorbeeld het wijkteam, de thuiszorg of het afvalbedrijf."),
    WHAT_COOPERATION: _("Bijvoorbeeld: u wordt van de ene naar de andere organisatie gestuurd."),
}

PARTNER_UNKNOWN = "onbekend"
TRIED_YES = "ja"
TRIED_NO = "nee"

CHOOSE_ANSWER = _("Kies een antwoord.")


class WhatForm(forms.Form):
    wat = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=WHAT_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("Kies wat het best past."),
        error_messages={"required": CHOOSE_ANSWER, "invalid_choice": CHOOSE_ANSWER},
    )


class WhichForm(forms.Form):
    organisatie = forms.ChoiceField(
        label=_("Over welke organisatie gaat het?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een organisatie, of kies 'Dat weet ik niet'."),
            "invalid_choice": _("Kies een organisatie uit de lijst, of kies 'Dat weet ik niet'."),
        },
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].choices = [
            *((partner.slug, partner.name) for partner in partners),
            (PARTNER_UNKNOWN, _("Dat weet ik niet")),
        ]


class TriedForm(forms.Form):
    al_geklaagd = forms.ChoiceField(
        label=_("Heeft u al bij deze organisatie geklaagd?"),
        choices=[
            (TRIED_NO, _("Nee, nog niet")),
            (TRIED_YES, _("Ja, maar ik ben niet goed geholpen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_ANSWER, "invalid_choice": CHOOSE_ANSWER},
    )


#: The questions in order: (number, parameter, form class).
QUESTIONS = [(1, "wat", WhatForm), (2, "organisatie", WhichForm), (3, "al_geklaagd", TriedForm)]
PARAMS = [name for _number, name, _form in QUESTIONS]


@dataclass
class Question:
    number: int
    name: str
    form: forms.Form
    #: The valid answers to the questions before this one (carried as hidden fields).
    answers: dict[str, str]
    partner: Partner | None = None

    @property
    def bound_field(self):
        return self.form[self.name]

    @property
    def back_query(self) -> str | None:
        """The query string of the previous question, its answer checked; None on the
        first question (the page links to the Klachtenwijzer then)."""
        if self.number == 1:
            return None
        return _query(self.answers, show=self.number - 1)


RESULT_TITLES = {
    REPORT: _("Doe een melding"),
    OBJECTION: _("Maak bezwaar"),
    MUNICIPALITY: _("Dien een klacht in bij de gemeente"),
    UNKNOWN_PARTNER: _("Dien een klacht in bij de gemeente"),
    COOPERATION: _("Dien een klacht over de samenwerking in"),
    PARTNER_FIRST: _("Klaag eerst bij %(name)s"),
    PARTNER_NOT_HEARD: _("Dien een klacht in bij de gemeente"),
}


@dataclass
class Result:
    code: str
    answers: dict[str, str]
    #: The question that led here (for "Vorige stap").
    last_question: int
    partner: Partner | None = None
    extra: dict = field(default_factory=dict)

    @property
    def back_query(self) -> str:
        return _query(self.answers, show=self.last_question)

    @property
    def title(self) -> str:
        name = self.partner.name if self.partner else ""
        return (
            str(RESULT_TITLES[self.code]) % {"name": name}
            if name
            else str(RESULT_TITLES[self.code])
        )


def _query(answers: dict[str, str], *, show: int) -> str:
    names = PARAMS[:show]
    params = {name: answers[name] for name in names if name in answers}
    params["vraag"] = str(show)
    return urlencode(params)


def _next(number: int, answers: dict[str, str], partner: Partner | None):
    """The next question number, or a result code."""
    if number == 1:
        return {
            WHAT_REPORT: REPORT,
            WHAT_OBJECTION: OBJECTION,
            WHAT_MUNICIPALITY: MUNICIPALITY,
            WHAT_COOPERATION: COOPERATION,
            WHAT_PARTNER: 2,
        }[answers["wat"]]
    if number == 2:
        return UNKNOWN_PARTNER if partner is None else 3
    return PARTNER_NOT_HEARD if answers["al_geklaagd"] == TRIED_YES else PARTNER_FIRST


def resolve(params) -> Question | Result:
    """The page for these query parameters (a QueryDict or a dict of strings)."""
    partners = list(Partner.objects.filter(is_active=True).order_by("name"))
    by_slug = {partner.slug: partner for partner in partners}
    show = params.get("vraag")
    answered = params.get("stap")
    answers: dict[str, str] = {}
    partner: Partner | None = None

    for number, name, form_class in QUESTIONS:
        kwargs = {"partners": partners} if form_class is WhichForm else {}
        value = params.get(name)
        if show == str(number):
            # "Vorige stap": the question again, the earlier answer checked when valid.
            probe = form_class({name: value or ""}, **kwargs)
            initial = {name: value} if value is not None and probe.is_valid() else {}
            return Question(number, name, form_class(initial=initial, **kwargs), answers, partner)
        if value is None and answered != str(number):
            return Question(number, name, form_class(**kwargs), answers, partner)
        form = form_class({name: value or ""}, **kwargs)
        if not form.is_valid():
            return Question(number, name, form, answers, partner)
        answers[name] = form.cleaned_data[name]
        if name == "organisatie":
            partner = by_slug.get(answers[name])
        step = _next(number, answers, partner)
        if isinstance(step, str):
            return Result(step, answers, number, partner)
    raise AssertionError("the route always ends in a result")  # pragma: no cover
