"""Forms of the rule-bottleneck and case-discussion pages. They check the shape of the
input; the rules are those of `learning.bottlenecks` and `learning.discussions`, whose
errors the views put next to the fields."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import StyledForm, date_field, style_form, text_field
from vangnet.organisations.models import Department, Partner

from . import bottlenecks
from .models import Bottleneck

DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-03-2026.")}


def date_input(label, help_text=""):
    """A date with the example in its error message."""
    return date_field(label, help_text=help_text, error_messages=DATE_ERRORS)


def long_text(label, rows=4, help_text=""):
    return text_field(label, rows=rows, help_text=help_text, max_length=10_000)


class BottleneckForm(StyledForm):
    rule = forms.CharField(
        label=_("Welke regel of werkwijze zit in de weg?"),
        required=False,
        max_length=bottlenecks.RULE_MAX,
        help_text=_("Bijvoorbeeld: Beleidsregel bijzondere bijstand 2025, artikel 4."),
    )
    problem = long_text(_("Wat gaat er door die regel mis?"))
    proposal = long_text(_("Wat stelt u voor?"))


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        required=False,
        choices=Bottleneck.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een besluit uit de lijst.")},
    )
    decision_note = long_text(_("Toelichting op het besluit"))
    decided_on = date_input(_("Besloten op"), _("Leeg is vandaag."))
    follow_up = long_text(
        _("Vervolg (niet verplicht)"),
        rows=3,
        help_text=_("Wat er nog moet gebeuren, bijvoorbeeld: beleidsregel aanpassen."),
    )


class FollowUpForm(StyledForm):
    done_on = date_input(
        _("Vervolg afgerond op"), _("Maak leeg om het vervolg weer open te zetten.")
    )


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
    held_on = date_input(_("Datum"))
    subject = forms.CharField(label=_("Onderwerp (niet verplicht)"), required=False, max_length=200)
    participants = long_text(
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
        help_text=_(
            "De klacht van een aangevinkt knelpunt komt vanzelf bij de besproken klachten."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies knelpunten uit de lijst.")},
    )
    agreements = long_text(_("Afspraken"), rows=6)

    def __init__(self, *args, discussion=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Bottleneck.objects.filter(decision="")
        if discussion is not None:
            queryset = queryset | Bottleneck.objects.filter(discussion=discussion)
        field = self.fields["bottlenecks"]
        field.queryset = queryset.select_related("complaint").order_by("raised_on", "id")
        field.label_from_instance = lambda b: f"{b.complaint.reference}: {b.rule}"
        # The decision on each bottleneck that can be on the agenda, in the same form.
        self.agenda = list(field.queryset)
        for b in self.agenda:
            choices = list(Bottleneck.Decision.choices)
            if not b.decision:
                choices.insert(0, ("", _("Nog geen besluit")))
            self.fields[f"decision_{b.pk}"] = forms.ChoiceField(
                label=_("Besluit"),
                required=False,
                choices=choices,
                widget=forms.RadioSelect,
                initial=b.decision,
                error_messages={"invalid_choice": _("Kies een besluit uit de lijst.")},
            )
            self.fields[f"decision_note_{b.pk}"] = long_text(
                _("Toelichting op het besluit"), rows=3
            )
            self.fields[f"decision_note_{b.pk}"].initial = b.decision_note
            self.fields[f"follow_up_{b.pk}"] = long_text(_("Vervolg (niet verplicht)"), rows=2)
            self.fields[f"follow_up_{b.pk}"].initial = b.follow_up
        style_form(self)

    def decision_rows(self) -> list[dict]:
        """Per bottleneck that can be on the agenda: its decision fields (template)."""
        return [
            {
                "bottleneck": b,
                "decision": self[f"decision_{b.pk}"],
                "decision_note": self[f"decision_note_{b.pk}"],
                "follow_up": self[f"follow_up_{b.pk}"],
            }
            for b in self.agenda
        ]

    def decision_field(self, key: str) -> str | None:
        """The form field for a service error "decisions.<id>.<field>", if any."""
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "decisions":
            name = f"{parts[2]}_{parts[1]}"
            if name in self.fields:
                return name
        return None

    def service_data(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith(("decision_", "decision_note_", "follow_up_"))
        }
        data["complaints"] = split_references(data.get("complaints", ""))
        data["departments"] = list(data.get("departments") or [])
        data["partners"] = list(data.get("partners") or [])
        data["bottlenecks"] = list(data.get("bottlenecks") or [])
        data["decisions"] = [
            {
                "bottleneck": b,
                "decision": self.cleaned_data.get(f"decision_{b.pk}") or "",
                "decision_note": self.cleaned_data.get(f"decision_note_{b.pk}") or "",
                "follow_up": self.cleaned_data.get(f"follow_up_{b.pk}") or "",
            }
            for b in self.agenda
            if f"decision_{b.pk}" in self.cleaned_data
        ]
        return data


class ActionForm(StyledForm):
    description = forms.CharField(
        label=_("Actie"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = forms.CharField(label=_("Wie"), required=False, max_length=200)
    due_on = date_input(_("Gereed uiterlijk"))
    done_on = date_input(_("Gedaan op"))


ActionFormSet = forms.formset_factory(ActionForm, extra=2, max_num=50, absolute_max=50)
