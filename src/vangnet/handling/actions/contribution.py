"""What one party of a cooperation complaint contributed (its account, what it did): one
of the complaint's partners, or a department."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import Contribution
from vangnet.core.forms import text_field
from vangnet.organisations.models import Department, Partner

from .. import rules
from ..base import COOPERATION, ComplaintAction, Context, Done, register
from ..inputs import date_field
from ._cooperation import not_cooperation, partner_ids


class PartyField(forms.ChoiceField):
    """A party of a cooperation complaint: 'partner:<id>' or 'department:<id>'."""

    def __init__(self, *, complaint=None, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Partij"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        if complaint is not None:
            choices = [("", gettext_lazy("Kies de partij"))]
            choices += [
                (f"partner:{p.pk}", p.name)
                for p in Partner.objects.filter(pk__in=partner_ids(complaint))
            ]
            choices += [
                (f"department:{d.pk}", d.name) for d in Department.objects.filter(is_active=True)
            ]
            self.choices = choices

    def valid_value(self, value):
        return True  # looked up in clean()

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _sep, pk = value.partition(":")
        model = {"partner": Partner, "department": Department}.get(kind)
        found = model.objects.filter(pk=int(pk)).first() if model and pk.isdigit() else None
        if found is None:
            raise forms.ValidationError(_("Kies een partij uit de lijst."))
        return found


class ContributionInput(forms.Form):
    party = PartyField()
    received_on = date_field(gettext_lazy("Ontvangen op"), today=True)
    text = text_field(gettext_lazy("Bijdrage"), rows=5)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"] = PartyField(complaint=complaint)


@register
class AddContribution(ComplaintAction):
    name = "contribution"
    label = gettext_lazy("Bijdrage vastleggen")
    event = Action.CONTRIBUTION_ADDED
    input = ContributionInput
    placement = COOPERATION
    page_path = "bijdrage"
    refusal_field = "party"
    api_component = "ContributionInput"
    api_path = "contributions"
    api_flag = "contributions"
    api_operation = "complaints_add_contribution"
    api_created = True
    api_summary = "Record a party's contribution (cooperation complaint)"
    api_description = (
        'The party: `{"partner": "<slug>"}` (one of the complaint\'s partners) or '
        '`{"department": <id>}`. Only for a cooperation complaint (409 otherwise).'
    )

    def make_form(self, complaint=None, data=None, files=None, **kwargs):
        return ContributionInput(data, files, complaint=complaint, **kwargs)

    def refusal(self, complaint, actor) -> str | None:
        return not_cooperation(complaint)

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        party = data.get("party")
        when = rules.past_date(data, errors, "received_on", not_before=complaint.received_on)
        text = rules.required_text(
            data, errors, "text", _("Schrijf de bijdrage van deze partij op.")
        )
        if isinstance(party, Partner):
            if party.pk not in partner_ids(complaint):
                errors.add("party", _("Deze partner is geen partij bij deze klacht."))
        elif not isinstance(party, Department):
            errors.add("party", _("Kies de partij."))
        errors.raise_if_any()
        contribution = Contribution.objects.create(
            complaint=complaint,
            partner=party if isinstance(party, Partner) else None,
            department=party if isinstance(party, Department) else None,
            received_on=when,
            text=text,
            recorded_by=ctx.actor,
        )
        return Done(
            RecordText(_lazy("%(party)s: %(text)s"), party=party, text=text), record=contribution
        )

    def message(self, result) -> str:
        return _("De bijdrage van %(party)s is vastgelegd.") % {"party": result.record.party}
