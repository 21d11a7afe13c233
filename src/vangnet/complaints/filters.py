"""The complaint list's filters, sorting and search: one FilterSet shared by the back
office list and the API, so both accept the same parameters and give the same rows."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.roles import Role
from vangnet.organisations.models import Department, Partner, Theme

from . import selectors
from .models import Channel, Complaint, Kind
from .workflow import OPEN_STATES, State

#: The state filter's value for every state that is not closed.
OPEN = "open"


class YesNoCheckbox(forms.CheckboxInput):
    """A checkbox that also reads the API's yes/no words. Anything else is handed on
    as it is, so the field can refuse it."""

    TRUE = {"1", "true", "on", "yes", "ja"}
    FALSE = {"0", "false", "off", "no", "nee"}

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in self.TRUE:
            return True
        if word in self.FALSE:
            return False
        return value


class YesNoField(forms.NullBooleanField):
    widget = YesNoCheckbox

    def to_python(self, value):
        if value is True or value is False or value is None:
            return value
        raise forms.ValidationError(
            _("Kies ja of nee (true of false), niet %(value)s."),
            code="invalid",
            params={"value": value},
        )

    def validate(self, value):
        pass


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (NumberFilter reads decimals, which an id never is)."""

    field_class = forms.IntegerField


#: The `without` filter's choices: complaints that have no value for that field.
WITHOUT_CHOICES = [
    ("theme", _("Zonder thema")),
    ("department", _("Zonder afdeling")),
    ("partner", _("Zonder partner")),
]


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Kind.choices, empty_label=_("Alle soorten")
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open (alles wat niet is afgesloten)")), *State.choices],
        empty_label=_("Alle statussen"),
        method="filter_state",
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        queryset=Theme.objects.select_related("parent"),
        method="filter_theme",
        empty_label=_("Alle thema's"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Afdeling"), queryset=Department.objects.all(), empty_label=_("Alle afdelingen")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Partner.objects.all(), empty_label=_("Alle partners")
    )
    handler = django_filters.ModelChoiceFilter(
        label=_("Behandelaar"),
        queryset=None,  # set per request in __init__
        empty_label=_("Alle behandelaars"),
    )
    # A method, not lookup_expr="isnull": an unticked checkbox is False, which must mean
    # "no filter", not "only complaints with a handler".
    unassigned = YesNoFilter(label=_("Zonder behandelaar"), method="filter_unassigned")
    # Any user who handles a complaint, also one who left or lost the handler role (the
    # `handler` choice lists only active handlers and coordinators): the dashboard links
    # here for such a handler's complaints.
    handled_by = IntegerFilter(
        label=_("Behandelaar (nummer, ook oud-medewerkers)"),
        field_name="handler_id",
        min_value=1,
    )
    # Complaints with no theme, department or partner; no handler is `unassigned`.
    without = django_filters.ChoiceFilter(
        label=_("Zonder"),
        choices=WITHOUT_CHOICES,
        empty_label=_("Geen keuze"),
        method="filter_without",
    )
    channel = django_filters.ChoiceFilter(
        label=_("Kanaal"), choices=Channel.choices, empty_label=_("Alle kanalen")
    )
    overdue = YesNoFilter(label=_("Termijn verstreken"), method="filter_overdue")
    due_soon = YesNoFilter(label=_("Termijn verloopt binnenkort"), method="filter_due_soon")
    received_from = django_filters.DateFilter(
        label=_("Ontvangen vanaf"),
        field_name="received_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_to = django_filters.DateFilter(
        label=_("Ontvangen tot en met"),
        field_name="received_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=(
            ("received_on", "received_on"),
            ("decide_by", "decide_by"),
            ("reference", "reference"),
            ("state", "state"),
        ),
        field_labels={
            "received_on": _("Ontvangen (oud → nieuw)"),
            "-received_on": _("Ontvangen (nieuw → oud)"),
            "decide_by": _("Afhandeltermijn (eerst → laatst)"),
            "-decide_by": _("Afhandeltermijn (laatst → eerst)"),
            "reference": _("Kenmerk (oplopend)"),
            "-reference": _("Kenmerk (aflopend)"),
            "state": _("Status (A → Z)"),
            "-state": _("Status (Z → A)"),
        },
        empty_label=_("Standaard (nieuwste eerst)"),
    )

    class Meta:
        model = Complaint
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.filters["handler"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[Role.HANDLER, Role.COORDINATOR])
            .distinct()
        )
        self._window = None

    def _urgency_window(self):
        if self._window is None:
            self._window = selectors.urgency_window()
        return self._window

    def filter_q(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_theme(self, queryset, name, value):
        # A main theme includes its sub-themes.
        if value.parent_id is None:
            return queryset.filter(
                theme__in=[value.pk, *value.children.values_list("pk", flat=True)]
            )
        return queryset.filter(theme=value)

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=OPEN_STATES)
        return queryset.filter(state=value)

    def filter_unassigned(self, queryset, name, value):
        return queryset.filter(handler__isnull=True) if value else queryset

    def filter_without(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": True}) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        on, _until = self._urgency_window()
        return selectors.overdue(queryset, on=on)

    def filter_due_soon(self, queryset, name, value):
        if not value:
            return queryset
        on, until = self._urgency_window()
        return selectors.due_soon(queryset, on=on, until=until)

    @property
    def qs(self):
        queryset = super().qs
        if not queryset.query.order_by:
            queryset = queryset.order_by("-received_on", "-id")
        else:
            # A stable order for paging: ties broken by id.
            queryset = queryset.order_by(*queryset.query.order_by, "-id")
        return queryset
