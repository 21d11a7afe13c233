"""Forms of the partner portal and the reply link. They check the shape of the input;
the rules (name and text required, text length, one reply only) are those of
the `partner_reply` action (`vangnet.handling`), whose errors the views put next to
the fields."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vangnet.complaints.models import PartnerOutcome
from vangnet.core.forms import StyledForm, style_form
from vangnet.organisations.models import Partner, Theme

from . import selectors
from .figures import FIRST_YEAR, NUMBER_FIELDS
from .models import PartnerReportLine, Period


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


# --- The partners' figures (see vangnet.partnerportal.figures) ----------------------------

OTHER_THEME = "other"


def figures_theme_choices(extra_theme_ids=()) -> list[tuple[str, str]]:
    """Active themes (and those of the version being corrected), then "Overig/onbekend"."""
    themes = (
        Theme.objects.filter(Q(is_active=True) | Q(pk__in=list(extra_theme_ids)))
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    return [
        ("", _("– Kies een thema –")),
        *((str(theme.pk), str(theme)) for theme in themes),
        (OTHER_THEME, _("Overig/onbekend")),
    ]


class FiguresLineForm(StyledForm):
    """One line: a theme and the ten counts. The rules (sums, themes in use, one line per
    theme) are `figures.check_lines`'s; this form only reads numbers."""

    theme = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, theme_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices
        self.fields["theme"].error_messages["invalid_choice"] = _("Kies een thema uit de lijst.")
        for name in NUMBER_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=PartnerReportLine._meta.get_field(name).verbose_name.capitalize(),
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
                error_messages={"invalid": _("Vul een heel getal in, bijvoorbeeld 0 of 12.")},
            )
        style_form(self)

    def is_empty(self) -> bool:
        data = self.cleaned_data
        return all(data.get(name) is None for name in NUMBER_FIELDS)

    def clean(self):
        data = super().clean()
        if not self.is_empty() and not data.get("theme") and "theme" not in self.errors:
            self.add_error("theme", _("Kies bij welk thema deze cijfers horen."))
        return data

    def line(self, themes: dict[str, Theme], row: str) -> dict:
        data = self.cleaned_data
        return {
            "theme": themes.get(data["theme"]),
            "row": row,
            **{name: data.get(name) or 0 for name in NUMBER_FIELDS},
        }


class BaseFiguresFormSet(forms.BaseFormSet):
    def __init__(self, *args, theme_choices=(), **kwargs):
        self.theme_choices = theme_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "theme_choices": self.theme_choices}


FiguresFormSet = forms.formset_factory(
    FiguresLineForm, formset=BaseFiguresFormSet, extra=0, max_num=500, validate_max=True
)


class FiguresNoteForm(StyledForm):
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld wat u verbetert. Hoogstens 2.000 tekens."),
    )


class FiguresUploadForm(FiguresNoteForm):
    file = forms.FileField(
        label=_("CSV-bestand"),
        required=False,
        help_text=_("Een CSV-bestand van hoogstens 2 MB, zoals het voorbeeldbestand."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies het bestand opnieuw."),
            "missing": _("Kies het bestand opnieuw."),
        },
    )
    replace = forms.BooleanField(
        label=_("Bestaande cijfers vervangen"),
        required=False,
        help_text=_(
            "Heeft u over een periode in het bestand al cijfers doorgegeven? Vink dit aan "
            "om ze te verbeteren. De oude cijfers blijven bewaard."
        ),
    )

    field_order = ["file", "replace", "note"]


class FiguresYearForm(forms.Form):
    jaar = forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=9999)


class FiguresReminderForm(forms.Form):
    """The coordinator's "Herinnering sturen" button: one partner, or all (empty)."""

    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=9999)
    period = forms.ChoiceField(choices=Period.choices)
    partner = forms.ModelChoiceField(queryset=Partner.objects.all(), required=False)
