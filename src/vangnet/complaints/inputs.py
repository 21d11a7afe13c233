"""The input of each procedure step, as Django forms that only parse and type-check
(dates, choices, look-ups). The rules themselves — what is required, which dates are
allowed, Awb 9:8's four weeks, 9:11's one extension — live in `procedure.py`, so the
back office and the API report the same errors. Fields are optional here for that
reason: the procedure says what is missing, in words that fit the step.

`STEP_INPUTS[step]` is the form of a step (`step_data()`, `step_files()`);
`ExtendInput`, `DelayInput`, `ContributionInput` and `JointDiscussionInput` are the
inputs of the actions that do not move the state.

The steps that close a handled complaint (informally resolved, the conclusion sent,
closed after a partner) also take the complaint's lesson, optional (`with_lesson`):
`cause` (the id of an active `learning.Cause`), `lessons` and `norms`. `procedure.perform`
records it with the step when a cause is given (`learning.lessons`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.organisations.models import Department, Partner

from . import norms
from .models import ContactChannel
from .workflow import DeclineGround, HearingSkipGround, Judgment, Step


def _text(label, *, help_text="", rows=4, max_length=20_000):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _line(label, *, help_text="", max_length=300):
    return forms.CharField(label=label, required=False, max_length=max_length, help_text=help_text)


def _date(label, *, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _moment(label, *, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _choice(label, choices, *, help_text="", widget=forms.RadioSelect):
    return forms.ChoiceField(
        label=label, required=False, choices=choices, help_text=help_text, widget=widget
    )


def _flag(label, *, initial=True, help_text=""):
    return forms.BooleanField(label=label, required=False, initial=initial, help_text=help_text)


def _cause_choices() -> list[tuple[str, str]]:
    from vangnet.learning.models import Cause

    causes = Cause.objects.filter(is_active=True)
    return [("", _("Nu geen oorzaak kiezen")), *((str(c.pk), c.name) for c in causes)]


#: The optional lesson fields of the steps that close a handled complaint.
LESSON_FIELDS = ("cause", "lessons", "norms")


def _lesson_fields() -> dict[str, forms.Field]:
    return {
        # A plain text field with a list to pick from: the procedure checks the id, so
        # the page and the API (which derives its body from this form) say the same.
        "cause": forms.CharField(
            label=_("Oorzaak"),
            required=False,
            help_text=_(
                "Mag leeg. Kiest u een oorzaak, dan wordt de les vastgelegd bij het "
                "afsluiten. Het kan ook later, op de pagina van de klacht."
            ),
            widget=forms.Select(choices=_cause_choices),
        ),
        "lessons": _text(
            _("Geleerde lessen"),
            help_text=_("Wat doen we voortaan anders? Geen persoonsgegevens."),
            rows=3,
            max_length=10_000,
        ),
        "norms": forms.MultipleChoiceField(
            label=_("Normen"),
            required=False,
            choices=norms.CHOICES,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("De normen van de Behoorlijkheidswijzer waar deze klacht over ging."),
        ),
    }


def with_lesson(form_class):
    """Add the optional lesson fields (`LESSON_FIELDS`) after a step's own fields."""
    fields = _lesson_fields()
    form_class.base_fields = {**form_class.base_fields, **fields}
    form_class.declared_fields = {**form_class.declared_fields, **fields}
    form_class.lesson_fields = LESSON_FIELDS
    return form_class


class StepInput(forms.Form):
    """Base: a step's input. `step_data()` and `step_files()` give what
    `procedure.perform` takes (not `data`/`files`: Django's forms use those names)."""

    #: The names of the lesson fields, when the step takes them (`with_lesson`).
    lesson_fields: tuple[str, ...] = ()

    def step_data(self) -> dict:
        return dict(self.cleaned_data)

    def step_files(self) -> list:
        return []


class AcknowledgeInput(StepInput):
    pass


class LogContactInput(StepInput):
    contacted_on = _date(_("Datum van het contact"))
    channel = _choice(_("Hoe"), ContactChannel.choices)
    reached = _flag(_("De indiener is bereikt"))
    notes = _text(_("Wat is er besproken?"))
    agreed = _text(
        _("Wat is afgesproken?"),
        help_text=_("Wat zou de klacht voor de indiener oplossen, en wat gebeurt er nu?"),
        rows=3,
    )


@with_lesson
class ResolveInformallyInput(StepInput):
    agreement = _text(
        _("Oplossing waarmee de indiener instemt"),
        help_text=_("Dit komt in de bevestigingsbrief aan de indiener (Awb 9:5)."),
    )
    send_confirmation = _flag(_("Bevestigingsbrief sturen"))


class StartFormalInput(StepInput):
    copy_note = _text(
        _("Hoe kreeg de beklaagde een kopie?"),
        help_text=_(
            "Alleen nodig als er geen e-mailadres van de beklaagde of de afdeling bekend is "
            "(Awb 9:9)."
        ),
        rows=2,
    )


class OfferHearingInput(StepInput):
    respond_by = _date(_("Reageren uiterlijk"), help_text=_("Leeg: over 10 werkdagen."))
    planned_at = _moment(_("Voorgesteld moment (mag leeg)"))
    location = _line(_("Plaats (mag leeg)"))


class PlanHearingInput(StepInput):
    planned_at = _moment(_("Datum en tijd"))
    location = _line(_("Plaats"), help_text=_("Adres en zaal, of 'telefonisch' of 'video'."))


class HoldHearingInput(StepInput):
    held_on = _date(_("Gehoord op"))
    participants = _text(_("Aanwezigen"), rows=2)
    record = _text(_("Verslag"), rows=8)
    send_record = _flag(_("Verslag sturen aan indiener en beklaagde"))


class SkipHearingInput(StepInput):
    ground = _choice(_("Reden (Awb 9:10 lid 2)"), HearingSkipGround.choices)
    note = _text(_("Toelichting"), rows=3)


class RequestAdviceInput(StepInput):
    committee = _line(_("Commissie of adviseur"), max_length=200)


class RecordAdviceInput(StepInput):
    received_on = _date(_("Advies ontvangen op"))
    recommended_judgment = _choice(
        _("Geadviseerd oordeel"),
        [("", _("Niet genoemd")), *Judgment.choices],
        widget=forms.Select,
    )
    text = _text(_("Samenvatting van het advies"), rows=6)
    file = forms.FileField(label=_("Advies (PDF)"), required=False)

    def step_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("file", None)
        return data

    def step_files(self) -> list:
        upload = self.cleaned_data.get("file")
        return [upload] if upload else []


class JudgmentPartInput(forms.Form):
    summary = _text(_("Klachtonderdeel"), rows=2)
    judgment = _choice(
        _("Oordeel"), [("", _("Kies een oordeel")), *Judgment.choices], widget=forms.Select
    )
    norms = forms.MultipleChoiceField(
        label=_("Normen (Behoorlijkheidswijzer)"),
        required=False,
        choices=norms.CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reasoning = _text(_("Motivering"), rows=4)


JudgmentPartFormSet = forms.formset_factory(JudgmentPartInput, extra=3, max_num=20)


class DecideInput(StepInput):
    findings = _text(_("Bevindingen"), rows=6)
    conclusions = _text(_("Conclusies"), rows=4)
    measures = _text(_("Maatregelen"), help_text=_("Wat de gemeente gaat doen of verbeteren."))
    deviates_from_advice = _flag(_("Het besluit wijkt af van het advies"), initial=False)
    deviation_reasons = _text(_("Reden van afwijken (Awb 9:15)"), rows=3)

    def __init__(self, *args, parts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts

    def step_data(self) -> dict:
        data = dict(self.cleaned_data)
        if self.parts is not None:
            data["parts"] = [form.cleaned_data for form in self.parts.forms if form.cleaned_data]
        return data


@with_lesson
class SendConclusionInput(StepInput):
    pass


class DeclineInput(StepInput):
    ground = _choice(_("Grond (Awb 9:8)"), DeclineGround.choices)
    explanation = _text(_("Uitleg aan de indiener"), rows=4)


class WithdrawInput(StepInput):
    note = _text(_("Hoe en wanneer trok de indiener de klacht in?"), rows=3)


class ForwardToBodyInput(StepInput):
    body_name = _line(_("Naar welk bestuursorgaan"))
    body_contact = _text(_("Contactgegevens voor de indiener"), rows=2)
    explanation = _text(_("Uitleg aan de indiener"), rows=3)


@with_lesson
class CloseForwardedInput(StepInput):
    note = _text(_("Toelichting"), rows=3)


class ReopenInput(StepInput):
    reason = _text(_("Waarom gaat de klacht weer open?"), rows=3)


STEP_INPUTS: dict[str, type[StepInput]] = {
    Step.ACKNOWLEDGE: AcknowledgeInput,
    Step.LOG_CONTACT: LogContactInput,
    Step.RESOLVE_INFORMALLY: ResolveInformallyInput,
    Step.START_FORMAL: StartFormalInput,
    Step.OFFER_HEARING: OfferHearingInput,
    Step.PLAN_HEARING: PlanHearingInput,
    Step.HOLD_HEARING: HoldHearingInput,
    Step.SKIP_HEARING: SkipHearingInput,
    Step.REQUEST_ADVICE: RequestAdviceInput,
    Step.RECORD_ADVICE: RecordAdviceInput,
    Step.DECIDE: DecideInput,
    Step.SEND_CONCLUSION: SendConclusionInput,
    Step.DECLINE: DeclineInput,
    Step.WITHDRAW: WithdrawInput,
    Step.FORWARD_TO_BODY: ForwardToBodyInput,
    Step.CLOSE_FORWARDED: CloseForwardedInput,
    Step.REOPEN: ReopenInput,
}
assert set(STEP_INPUTS) == set(Step.values)


class ExtendInput(forms.Form):
    new_due = _date(_("Nieuwe uiterste datum"), help_text=_("Hoogstens vier weken later."))
    reason = _text(_("Waarom is meer tijd nodig?"), rows=3)


class DelayInput(forms.Form):
    new_due = _date(_("Nieuwe uiterste datum"))
    consent_on = _date(_("Schriftelijke instemming van de indiener ontvangen op"))
    reason = _text(_("Waarom is meer tijd nodig?"), rows=3)


class PartyField(forms.ChoiceField):
    """A party of a cooperation complaint: 'partner:<id>' or 'department:<id>'."""

    def __init__(self, *, complaint=None, **kwargs):
        super().__init__(**kwargs)
        if complaint is not None:
            partner_ids = set(complaint.involved_partners.values_list("pk", flat=True))
            if complaint.partner_id:
                partner_ids.add(complaint.partner_id)
            choices = [("", _("Kies de partij"))]
            choices += [
                (f"partner:{p.pk}", p.name) for p in Partner.objects.filter(pk__in=partner_ids)
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
        if model is None or not pk.isdigit():
            raise forms.ValidationError(_("Kies een partij uit de lijst."))
        found = model.objects.filter(pk=int(pk)).first()
        if found is None:
            raise forms.ValidationError(_("Kies een partij uit de lijst."))
        return found


class ContributionInput(forms.Form):
    party = PartyField(label=_("Partij"), required=False)
    received_on = _date(_("Ontvangen op"))
    text = _text(_("Bijdrage"), rows=5)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"] = PartyField(label=_("Partij"), required=False, complaint=complaint)


class JointDiscussionInput(forms.Form):
    held_on = _date(_("Datum"))
    participants = _text(_("Deelnemers (namen en organisaties)"), rows=3)
    agreements = _text(_("Afspraken"), rows=5)
