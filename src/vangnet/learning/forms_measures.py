"""Forms of the lesson and improvement-measure pages. They only read input; the rules
are in `learning.lessons` and `learning.measures`."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import norms
from vangnet.core.forms import StyledForm
from vangnet.organisations.models import Department, Partner

from .forms_discussions import date_input, long_text
from .models import Cause, Measure

MINE = "mine"
OPEN = "open"
OVERDUE = "overdue"
ALL = "all"

SORTS = {
    "gereed": ("due_on", "id"),
    "nieuw": ("-opened_on", "-id"),
    "titel": ("title", "id"),
}


def owner_choices() -> list[tuple[str, str]]:
    departments = [(f"d{d.pk}", d.name) for d in Department.objects.order_by("name")]
    partners = [(f"p{p.pk}", p.name) for p in Partner.objects.order_by("name")]
    return [
        ("", _("Alle eigenaren")),
        (MINE, _("Mijn afdeling of organisatie")),
        (str(_("Afdelingen")), departments),
        (str(_("Samenwerkingspartners")), partners),
    ]


class MeasureFilterForm(StyledForm):
    q = forms.CharField(label=_("Zoek op maatregel"), required=False, max_length=100)
    owner = forms.ChoiceField(
        label=_("Eigenaar"),
        required=False,
        error_messages={"invalid_choice": _("Kies een eigenaar uit de lijst.")},
    )
    state = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            (OPEN, _("Open en in uitvoering")),
            (OVERDUE, _("Over de datum")),
            (Measure.State.DONE, _("Uitgevoerd")),
            (Measure.State.CANCELLED, _("Vervallen")),
            (ALL, _("Alle maatregelen")),
        ],
        error_messages={"invalid_choice": _("Kies wat u wilt zien uit de lijst.")},
    )
    sort = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[
            ("gereed", _("Gereed-datum, vroegste eerst")),
            ("nieuw", _("Nieuwste eerst")),
            ("titel", _("Maatregel (A-Z)")),
        ],
        error_messages={"invalid_choice": _("Kies een volgorde uit de lijst.")},
    )

    def __init__(self, *args, owners=True, **kwargs):
        super().__init__(*args, **kwargs)
        if owners:
            self.fields["owner"].choices = owner_choices()
        else:
            del self.fields["owner"]


def split_references(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class MeasureForm(StyledForm):
    title = forms.CharField(label=_("Maatregel"), required=False, max_length=200)
    description = long_text(_("Omschrijving"), help_text=_("Wat moet er veranderen, en waarom?"))
    department = forms.ModelChoiceField(
        label=_("Eigenaar: afdeling"),
        required=False,
        queryset=Department.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Kies een afdeling uit de lijst.")},
    )
    partner = forms.ModelChoiceField(
        label=_("of eigenaar: samenwerkingspartner"),
        required=False,
        queryset=Partner.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Kies een partner uit de lijst.")},
        help_text=_("Kies een afdeling óf een partner."),
    )
    due_on = date_input(_("Gereed uiterlijk"))
    complaints = forms.CharField(
        label=_("Naar aanleiding van de klachten"),
        required=False,
        max_length=2000,
        help_text=_("Kenmerken, gescheiden door een komma of spatie, bijvoorbeeld 2026-00012."),
    )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["complaints"] = split_references(data.get("complaints", ""))
        return data


class StateForm(StyledForm):
    state = forms.ChoiceField(
        label=_("Stand"),
        required=False,
        choices=Measure.State.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een stand uit de lijst.")},
    )
    result = long_text(_("Wat is er gedaan?"), rows=3)


class LessonForm(StyledForm):
    cause = forms.ModelChoiceField(
        label=_("Oorzaak"),
        required=False,
        queryset=Cause.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Kies een oorzaak uit de lijst.")},
    )
    lessons = long_text(
        _("Geleerde lessen"),
        help_text=_("Wat doen we voortaan anders? Geen persoonsgegevens."),
    )
    norms = forms.MultipleChoiceField(
        label=_("Normen van de Behoorlijkheidswijzer"),
        required=False,
        choices=norms.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies normen uit de lijst.")},
    )
