"""Forms of the second-line pages: ombudsman cases, recommendations and the response,
the list's filters, the scenario's parameters and the qualitative texts per ombudsman.

The forms check the shape of the input (a date is a date, a choice is one of the
choices); the rules are those of `learning.second_line`, whose errors the views put next
to the fields (`core.forms.apply_service_errors`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import StyledForm, style_form
from vangnet.organisations.models import Body, Ombudsman

from .models import OmbudsmanCase, Recommendation
from .second_line import recommendations

DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026.")}


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, help_text="", required=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=_date_input(),
        help_text=help_text,
        error_messages=DATE_ERRORS,
    )


class OmbudsmanCaseForm(StyledForm):
    ombudsman = forms.ModelChoiceField(
        label=_("Ombudsman"),
        queryset=Ombudsman.objects.all(),
        required=False,
        empty_label=_("Kies de ombudsman"),
        error_messages={"invalid_choice": _("Kies een ombudsman uit de lijst.")},
    )
    reference = forms.CharField(
        label=_("Kenmerk van de ombudsman"),
        required=False,
        max_length=50,
        help_text=_("Het nummer dat de ombudsman de zaak gaf, bijvoorbeeld 2026.01234."),
    )
    received_on = _date(
        _("Ontvangen op"), _("De dag waarop de ombudsman de gemeente over de zaak benaderde.")
    )
    complaint = forms.CharField(
        label=_("Kenmerk van de klacht (niet verplicht)"),
        required=False,
        max_length=30,
        help_text=_("De klacht die de gemeente eerder behandelde, bijvoorbeeld 2026-00123."),
    )
    body = forms.ModelChoiceField(
        label=_("Bestuursorgaan"),
        queryset=Body.objects.all(),
        required=False,
        empty_label=_("Dat van de klacht (of het standaard bestuursorgaan)"),
        error_messages={"invalid_choice": _("Kies een bestuursorgaan uit de lijst.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort behandeling"),
        required=False,
        choices=OmbudsmanCase.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies de soort behandeling.")},
    )
    summary = forms.CharField(
        label=_("Waar gaat het over?"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, closing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if closing:
            self.fields["closed_on"] = _date(
                _("Afgesloten op"), _("Leeg zolang de ombudsman de zaak behandelt.")
            )
            self.fields["outcome"] = forms.ChoiceField(
                label=_("Uitkomst"),
                required=False,
                choices=[("", _("Nog niet afgesloten")), *OmbudsmanCase.Outcome.choices],
                error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
            )
            self.fields["outcome_note"] = forms.CharField(
                label=_("Toelichting op de uitkomst"),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            style_form(self)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["complaint"] = data.get("complaint") or None
        return data


class RecommendationForm(StyledForm):
    text = forms.CharField(
        label=_("Aanbeveling"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    made_on = _date(_("Gedaan op"))
    respond_by = _date(
        _("Reageren uiterlijk"),
        _(
            "De termijn die de ombudsman noemt (Awb 9:36 lid 4). Noemt de ombudsman geen "
            "termijn, dan stellen we %(weeks)s weken voor."
        )
        % {"weeks": recommendations.DEFAULT_RESPONSE_WEEKS},
    )


class ResponseForm(StyledForm):
    response = forms.ChoiceField(
        label=_("Wat doet de gemeente met de aanbeveling?"),
        required=False,
        choices=Recommendation.Response.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies wat de gemeente met de aanbeveling doet.")},
    )
    responded_on = _date(
        _("Gereageerd op"), _("De dag waarop de gemeente de ombudsman antwoordde.")
    )
    response_text = forms.CharField(
        label=_("Reactie aan de ombudsman"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


OPEN, CLOSED = "open", "closed"
AWAITING, OVERDUE = "awaiting", "overdue"


class CaseFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek op kenmerk"),
        required=False,
        max_length=50,
        help_text=_("Het kenmerk van de ombudsman of van de klacht, of een deel daarvan."),
    )
    ombudsman = forms.ModelChoiceField(
        label=_("Ombudsman"),
        queryset=Ombudsman.objects.all(),
        required=False,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Kies een ombudsman uit de lijst.")},
    )
    year = forms.IntegerField(
        label=_("Jaar van ontvangst"),
        required=False,
        min_value=2000,
        max_value=2200,
        error_messages={
            "invalid": _("Vul een jaar in, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaar vanaf 2000 in."),
            "max_value": _("Vul een jaar tot 2200 in."),
        },
    )
    state = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            ("", _("Alle zaken")),
            (OPEN, _("Open zaken")),
            (CLOSED, _("Afgesloten zaken")),
            (AWAITING, _("Met een aanbeveling zonder reactie")),
            (OVERDUE, _("Met een reactie die te laat is")),
        ],
        error_messages={"invalid_choice": _("Kies wat u wilt zien uit de lijst.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort behandeling"),
        required=False,
        choices=[("", _("Alle")), *OmbudsmanCase.Kind.choices],
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )


class SecondLineTextsForm(forms.ModelForm):
    """The qualitative comparison of seed 000 for one ombudsman."""

    class Meta:
        model = Ombudsman
        fields = ["independence", "local_involvement", "learning", "reach"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.max_length = 10_000
            field.validators.append(_MaxLength(10_000))
        style_form(self)


class _MaxLength:
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if value and len(value) > self.limit:
            raise forms.ValidationError(
                _("Hoogstens %(n)s tekens.") % {"n": self.limit}, code="max_length"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, _MaxLength) and other.limit == self.limit
