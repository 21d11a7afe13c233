"""Forms of the rule-bottleneck and case-discussion pages. They check the shape of the
input; the rules are those of `learning.bottlenecks` and `learning.discussions`, whose
errors the views put next to the fields."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.backoffice.forms import StyledForm, style_form
from vangnet.organisations.models import Department, Partner

from . import bottlenecks
from .models import Bottleneck

DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026.")}


def _date(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages=DATE_ERRORS,
    )


def _textarea(label, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=10_000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class BottleneckForm(StyledForm):
    rule = forms.CharField(
        label=_("Welke regel of werkwijze zit in de weg?"),
        required=False,
        max_length=bottlenecks.RULE_MAX,
        help_text=_("Bijvoorbeeld: Beleidsregel bijzondere bijstand 2025, artikel 4."),
    )
    problem = _textarea(_("Wat gaat er door die regel mis?"))
    proposal = _textarea(_("Wat stelt u voor?"))


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        required=False,
        choices=Bottleneck.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een besluit uit de lijst.")},
    )
    decision_note = _textarea(_("Toelichting op het besluit"))
    decided_on = _date(_("Besloten op"), _("Leeg is vandaag."))
    follow_up = _textarea(
        _("Vervolg (niet verplicht)"),
        rows=3,
        help_text=_("Wat er nog moet gebeuren, bijvoorbeeld: beleidsregel aanpassen."),
    )


class FollowUpForm(StyledForm):
    done_on = _date(_("Vervolg afgerond op"), _("Maak leeg om het vervolg weer open te zetten."))


ALL = "all"
SORTS = {
    "oud": ("raised_on", "id"),
    "nieuw": ("-raised_on", "-id"),
    "regel": ("rule", "id"),
    "besluit": ("-decided_on", "-id"),
}


class BottleneckFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek op regel"), required=False, max_length=100, help_text=_("Een deel is genoeg.")
    )
    state = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            (bottlenecks.QUEUED, _("Wacht op besluit")),
            (bottlenecks.DECIDED, _("Besloten")),
            (bottlenecks.FOLLOW_UP_OPEN, _("Vervolg loopt")),
            (bottlenecks.DONE, _("Afgerond")),
            (ALL, _("Alle knelpunten")),
        ],
        error_messages={"invalid_choice": _("Kies wat u wilt zien uit de lijst.")},
    )
    sort = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[
            ("oud", _("Oudste melding eerst")),
            ("nieuw", _("Nieuwste melding eerst")),
            ("regel", _("Regel (A-Z)")),
            ("besluit", _("Laatste besluit eerst")),
        ],
        error_messages={"invalid_choice": _("Kies een volgorde uit de lijst.")},
    )


class DiscussionFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("In onderwerp, deelnemers, afspraken of kenmerk van een klacht."),
    )
    year = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2000,
        max_value=2200,
        error_messages={
            "invalid": _("Vul een jaar in, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaar vanaf 2000 in."),
            "max_value": _("Vul een jaar tot 2200 in."),
        },
    )


def split_references(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class DiscussionForm(StyledForm):
    held_on = _date(_("Datum"))
    subject = forms.CharField(label=_("Onderwerp (niet verplicht)"), required=False, max_length=200)
    participants = _textarea(
        _("Deelnemers"), rows=3, help_text=_("Namen en functies, één per regel.")
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Afdelingen"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies afdelingen uit de lijst.")},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Samenwerkingspartners"),
        queryset=Partner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies partners uit de lijst.")},
    )
    complaints = forms.CharField(
        label=_("Besproken klachten"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kenmerken van de klachten, gescheiden door een komma of spatie."),
    )
    bottlenecks = forms.ModelMultipleChoiceField(
        label=_("Knelpunten in regels op de agenda"),
        queryset=Bottleneck.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies knelpunten uit de lijst.")},
    )
    agreements = _textarea(_("Afspraken"), rows=6)

    def __init__(self, *args, discussion=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Bottleneck.objects.filter(decision="")
        if discussion is not None:
            queryset = queryset | Bottleneck.objects.filter(discussion=discussion)
        field = self.fields["bottlenecks"]
        field.queryset = queryset.select_related("complaint").order_by("raised_on", "id")
        field.label_from_instance = lambda b: f"{b.complaint.reference}: {b.rule}"
        style_form(self)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["complaints"] = split_references(data.get("complaints", ""))
        data["departments"] = list(data.get("departments") or [])
        data["partners"] = list(data.get("partners") or [])
        data["bottlenecks"] = list(data.get("bottlenecks") or [])
        return data


class ActionForm(StyledForm):
    description = forms.CharField(
        label=_("Actie"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.CharField(label=_("Wie"), required=False, max_length=200)
    due_on = _date(_("Gereed uiterlijk"))
    done_on = _date(_("Gedaan op"))


ActionFormSet = forms.formset_factory(ActionForm, extra=2, max_num=50, absolute_max=50)
