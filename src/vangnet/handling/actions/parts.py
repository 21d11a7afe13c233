"""The parts of a complaint (klachtonderdelen): add, change, remove and reorder them
while the complaint is open and not decided (the decision judges each part, so the
parts are fixed from then on; a reopened complaint may change them again). The rules
of a part are `complaints.parts`'; the timeline shows the parts before → after.

The row form `PartRowInput` is also the registration's (page and API)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import parts as complaint_parts
from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.workflow import State
from vangnet.core.forms import text_field
from vangnet.organisations.models import Department, Partner

from ..base import SIDE, ComplaintAction, Context, Done, register
from ..inputs import LookupChoiceField

PARTS_MAX = complaint_parts.PARTS_MAX


class PartRowInput(forms.Form):
    """One part: its description and, where useful, the department or partner."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    description = text_field(gettext_lazy("Waar gaat dit onderdeel over"), rows=2)
    department = LookupChoiceField(
        label=gettext_lazy("Afdeling (niet verplicht)"),
        queryset=Department.objects.filter(is_active=True),
        lookup=Department.objects.all(),
        required=False,
        empty_label=gettext_lazy("Geen afdeling"),
        error_messages={"invalid_choice": gettext_lazy("Kies een afdeling uit de lijst.")},
    )
    partner = LookupChoiceField(
        label=gettext_lazy("Partner (niet verplicht)"),
        queryset=Partner.objects.filter(is_active=True),
        lookup=Partner.objects.all(),
        required=False,
        empty_label=gettext_lazy("Geen partner"),
        error_messages={"invalid_choice": gettext_lazy("Kies een partner uit de lijst.")},
    )


#: The registration's rows: a few empty ones (`extra` is set per page).
RegistrationPartsFormSet = forms.formset_factory(
    PartRowInput, extra=3, max_num=PARTS_MAX, absolute_max=PARTS_MAX
)
#: The action's rows: the parts there are, to change, remove or put in another order,
#: and two empty ones to add.
PartsFormSet = forms.formset_factory(
    PartRowInput,
    extra=2,
    max_num=PARTS_MAX,
    absolute_max=PARTS_MAX + 2,
    can_delete=True,
    can_order=True,
)


def rows_of(formset) -> list[dict]:
    """The filled-in rows of a valid formset, in the order asked (ORDER), without the
    removed ones, as plain dicts for `complaint_parts.check_parts`."""
    if getattr(formset, "can_order", False):
        forms_in_order = formset.ordered_forms
    else:
        forms_in_order = [form for form in formset.forms if form.has_changed()]
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    rows = []
    for form in forms_in_order:
        if id(form) in deleted or not form.cleaned_data:
            continue
        data = {key: form.cleaned_data.get(key) for key in ("id", "description")}
        data.update(department=form.cleaned_data.get("department"))
        data.update(partner=form.cleaned_data.get("partner"))
        rows.append(data)
    return rows


class PartsInput(forms.Form):
    """The complaint's parts as a formset (prefix `parts`); the API takes the full list."""

    nested = {
        "parts": (
            PartRowInput,
            f"The complaint's parts, all of them, in order (at most {PARTS_MAX}): a part "
            "with the `id` of one the complaint has is changed, one without `id` is new, "
            "and a part left out is removed. An empty list makes the complaint one part: "
            "its description.",
        )
    }

    def __init__(self, data=None, files=None, *, parts_initial=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.parts = PartsFormSet(
            data, prefix="parts", auto_id=self.auto_id, initial=parts_initial or None
        )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.parts.is_valid() and valid

    def clean(self):
        cleaned = super().clean()
        if self.parts.is_valid():
            cleaned["parts"] = rows_of(self.parts)
        return cleaned


@register
class ChangeParts(ComplaintAction):
    name = "parts"
    label = gettext_lazy("Klachtonderdelen")
    button = gettext_lazy("Onderdelen opslaan")
    event = Action.PARTS_CHANGED
    input = PartsInput
    placement = SIDE
    page_path = "onderdelen"
    template = "backoffice/actions/parts.html"
    help = gettext_lazy(
        "Verdeel de klacht in onderdelen: elk krijgt in het besluit een eigen oordeel. "
        "Leeg een omschrijving niet, maar vink ‘Verwijderen’ aan; de volgorde zet u met "
        "de nummers."
    )
    done_message = gettext_lazy("De klachtonderdelen zijn opgeslagen.")
    refusal_field = "parts"
    api_path = "parts"
    api_flag = "parts"
    api_operation = "complaints_change_parts"
    api_component = "PartsChange"
    api_summary = "Change the parts of the complaint"
    api_description = (
        "The full list of the complaint's parts (klachtonderdelen), each with its "
        "`description` and optionally a `department` (id) or `partner` (slug). 409 once "
        "the complaint is decided or closed: the decision judges each part."
    )

    def refusal(self, complaint, actor) -> str | None:
        if complaint.state == State.DECIDED:
            return _("Na het besluit liggen de klachtonderdelen vast.")
        return None

    def make_form(self, complaint=None, data=None, files=None, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        parts_initial = initial.pop("parts_initial", None)
        return PartsInput(data, files, initial=initial, parts_initial=parts_initial, **kwargs)

    def initial(self, complaint, records) -> dict:
        return {
            "parts_initial": [
                {
                    "id": part.pk,
                    "description": part.description,
                    "department": part.department_id,
                    "partner": part.partner_id,
                    "ORDER": part.position,
                }
                for part in records.get("parts", complaint.parts.all())
            ]
        }

    def arguments(self, cleaned: dict) -> dict:
        data = dict(cleaned)
        if "parts" in data:
            data["parts"] = [dict(part) for part in data["parts"] or []]
        return data

    def apply(self, ctx: Context) -> Done:
        complaint = ctx.complaint
        before = list(complaint.parts.select_related("department", "partner"))
        if "parts" not in ctx.data:
            ctx.errors.add("parts", _("Geef de klachtonderdelen, alle, in hun volgorde."))
        given = complaint_parts.check_parts(ctx.data.get("parts"), ctx.errors, existing=before)
        ctx.errors.raise_if_any()
        old = complaint_parts.describe(before)
        after = complaint_parts.write_parts(complaint, given)
        new = complaint_parts.describe(after)
        if old == new:
            return Done(log=False)
        return Done(
            RecordText(_lazy("Klachtonderdelen gewijzigd: nu %(count)s."), count=len(after)),
            {"parts": ("; ".join(old), "; ".join(new))},
        )
