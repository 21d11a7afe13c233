"""The decision (Awb 9:12): findings, conclusions, measures and a judgment per part of
the complaint with the Behoorlijkheidswijzer norms not met; deviating from a received
advice needs reasons (Awb 9:15). Allowed again once decided, to correct the decision
(the latest counts) before the conclusion letter goes."""

from django import forms
from django.forms import CheckboxSelectMultiple, MultipleChoiceField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, norms
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Advice, Decision, JudgmentPart
from vangnet.complaints.workflow import Judgment, Outcome, State, Step, outcome_of
from vangnet.core.errors import Errors
from vangnet.core.forms import choice_field, flag_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register

#: Most parts a decision may judge.
PARTS_MAX = 20


class JudgmentPartInput(forms.Form):
    summary = text_field(gettext_lazy("Klachtonderdeel"), rows=2)
    judgment = choice_field(
        gettext_lazy("Oordeel"),
        [("", gettext_lazy("Kies een oordeel")), *Judgment.choices],
        widget=forms.Select,
    )
    norms = forms.MultipleChoiceField(
        label=gettext_lazy("Normen (Behoorlijkheidswijzer)"),
        required=False,
        choices=norms.CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reasoning = text_field(gettext_lazy("Motivering"), rows=4)


JudgmentPartFormSet = forms.formset_factory(JudgmentPartInput, extra=3, max_num=PARTS_MAX)


class DecideInput(forms.Form):
    """The decision with its parts as a formset (prefix `parts`), parsed together:
    `cleaned_data["parts"]` holds the rows that were filled in."""

    #: The list inside the input (the API nests it: one object per part).
    nested = {
        "parts": (
            JudgmentPartInput,
            f"A judgment per part of the complaint: at least one, at most {PARTS_MAX}. A "
            "well-founded or partly well-founded part names the norm(s) not met.",
        )
    }

    findings = text_field(gettext_lazy("Bevindingen"), rows=6)
    conclusions = text_field(gettext_lazy("Conclusies"), rows=4)
    measures = text_field(
        gettext_lazy("Maatregelen"),
        help_text=gettext_lazy("Wat de gemeente gaat doen of verbeteren."),
    )
    deviates_from_advice = flag_field(
        gettext_lazy("Het besluit wijkt af van het advies"), initial=False
    )
    deviation_reasons = text_field(gettext_lazy("Reden van afwijken (Awb 9:15)"), rows=3)

    def __init__(self, data=None, files=None, *, parts_initial=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.parts = JudgmentPartFormSet(
            data, prefix="parts", auto_id=self.auto_id, initial=parts_initial or None
        )
        if parts_initial:
            self.parts.extra = 1
        for part in self.parts:
            # The norms as check boxes grouped per family (works without JavaScript).
            for field in part.fields.values():
                if isinstance(field, MultipleChoiceField):
                    widget = CheckboxSelectMultiple()
                    widget.choices = field.choices
                    field.widget = widget

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.parts.is_valid() and valid

    def clean(self):
        cleaned = super().clean()
        if self.parts.is_valid():
            cleaned["parts"] = [form.cleaned_data for form in self.parts.forms if form.cleaned_data]
        return cleaned


def latest_decision(complaint) -> Decision | None:
    return complaint.decisions.order_by("-created_at", "-id").first()


def _part(number: int, part: dict, errors: Errors) -> dict | None:
    summary = (part.get("summary") or "").strip()
    judgment = part.get("judgment") or ""
    reasoning = (part.get("reasoning") or "").strip()
    codes = list(part.get("norms") or [])
    if not (summary or judgment or reasoning or codes):
        return None  # an empty row of the form
    prefix = _("Onderdeel %(n)s: ") % {"n": number}
    if not summary:
        errors.add("parts", prefix + _("beschrijf waar dit onderdeel over gaat."))
    if judgment not in Judgment.values:
        errors.add("parts", prefix + _("kies een oordeel."))
    if not reasoning:
        errors.add("parts", prefix + _("motiveer het oordeel."))
    unknown = [code for code in codes if code not in norms.NORMS]
    if unknown:
        errors.add(
            "parts",
            prefix + _("onbekende norm: %(codes)s.") % {"codes": ", ".join(map(str, unknown))},
        )
    if judgment in (Judgment.WELL_FOUNDED, Judgment.PARTLY_WELL_FOUNDED) and not codes:
        errors.add(
            "parts",
            prefix + _("noem de norm(en) uit de Behoorlijkheidswijzer die niet is nageleefd."),
        )
    if len(summary) > rules.TEXT_MAX or len(reasoning) > rules.TEXT_MAX:
        errors.add("parts", prefix + _("de tekst is te lang."))
    return {"summary": summary, "judgment": judgment, "reasoning": reasoning, "norms": codes}


def judged_parts(data: dict, errors: Errors) -> list[dict]:
    raw = data.get("parts") or []
    if not isinstance(raw, list | tuple):
        errors.add("parts", _("Geef per klachtonderdeel een oordeel."))
        return []
    parts = []
    for number, part in enumerate(raw, start=1):
        checked = _part(number, dict(part or {}), errors)
        if checked is not None:
            parts.append(checked)
    if not parts and "parts" not in errors:
        errors.add("parts", _("Geef voor minstens één klachtonderdeel een oordeel."))
    if len(parts) > PARTS_MAX:
        errors.add("parts", _("Hoogstens %(max)s onderdelen.") % {"max": PARTS_MAX})
    return parts


def _check_advice(data: dict, errors: Errors, complaint, parts: list[dict]) -> tuple[bool, str]:
    """Awb 9:15: deviating from a received advice is said, with reasons."""
    deviates = bool(data.get("deviates_from_advice"))
    reasons = rules.optional_text(data, errors, "deviation_reasons")
    advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
    if advice is None:
        if deviates:
            errors.add("deviates_from_advice", _("Er is geen advies om van af te wijken."))
        return deviates, reasons
    outcome = outcome_of([p["judgment"] for p in parts]) if parts else ""
    recommended = advice.recommended_judgment
    if recommended and outcome and outcome != recommended and not deviates:
        errors.add(
            "deviates_from_advice",
            _(
                "Het oordeel (%(outcome)s) wijkt af van het advies (%(advice)s). Vink aan "
                "dat het besluit afwijkt en geef de reden (Awb 9:15)."
            )
            % {"outcome": Outcome(outcome).label, "advice": Judgment(recommended).label},
        )
    if deviates and not reasons:
        errors.add(
            "deviation_reasons",
            _("Geef de reden waarom het besluit afwijkt van het advies (Awb 9:15)."),
        )
    return deviates, reasons


@register
class Decide(ProcedureStep):
    step = Step.DECIDE
    input = DecideInput
    next_in = (State.HEARD, State.ADVISED)
    template = "backoffice/actions/decide.html"
    help = gettext_lazy(
        "Geef per klachtonderdeel een oordeel, met de normen uit de Behoorlijkheidswijzer. "
        "De afhandelingsbrief gaat pas weg bij de volgende stap."
    )
    done_message = gettext_lazy("Het besluit is vastgelegd.")
    api_path = "decision"
    api_summary = "Record the decision (Awb 9:12)"
    api_description = (
        "Findings, conclusions, measures and `parts`: a judgment per part with the norms "
        "(codes) concerned. Deviating from a received advice needs `deviates_from_advice` "
        "and reasons (Awb 9:15). Allowed again in `decided` to correct the decision (the "
        "latest one counts)."
    )

    def make_form(self, complaint=None, data=None, files=None, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        parts_initial = initial.pop("parts_initial", None)
        return DecideInput(data, files, initial=initial, parts_initial=parts_initial, **kwargs)

    def initial(self, complaint, records) -> dict:
        decision = records.get("latest_decision") if complaint.state == State.DECIDED else None
        if decision is None:
            return {}
        return {
            "findings": decision.findings,
            "conclusions": decision.conclusions,
            "measures": decision.measures,
            "deviates_from_advice": decision.deviates_from_advice,
            "deviation_reasons": decision.deviation_reasons,
            "parts_initial": [
                {
                    "summary": part.summary,
                    "judgment": part.judgment,
                    "norms": list(part.norms),
                    "reasoning": part.reasoning,
                }
                for part in decision.parts.all()
            ],
        }

    def adapt_form(self, form, complaint, records) -> None:
        """Without records (a posted form), the advice is looked up."""
        if "advice" in records:
            advice = records["advice"]
        else:
            advice = Advice.objects.filter(complaint=complaint).first()
        if not (advice and advice.received_on):
            # Awb 9:15 only matters when there is advice to deviate from.
            for name in ("deviates_from_advice", "deviation_reasons"):
                form.fields.pop(name, None)

    def arguments(self, cleaned: dict) -> dict:
        """The parts as plain dicts, from the page's formset or the API's nested list."""
        data = dict(cleaned)
        if "parts" in data:
            data["parts"] = [dict(part) for part in data["parts"]]
        return data

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        findings = rules.required_text(data, errors, "findings", _("Schrijf de bevindingen op."))
        conclusions = rules.required_text(
            data, errors, "conclusions", _("Schrijf de conclusies op.")
        )
        measures = rules.optional_text(data, errors, "measures")
        parts = judged_parts(data, errors)
        deviates, reasons = _check_advice(data, errors, complaint, parts)
        errors.raise_if_any()
        decision = Decision.objects.create(
            complaint=complaint,
            decided_on=deadlines.today(),
            findings=findings,
            conclusions=conclusions,
            measures=measures,
            deviates_from_advice=deviates,
            deviation_reasons=reasons if deviates else "",
            decided_by=ctx.actor,
        )
        JudgmentPart.objects.bulk_create(
            JudgmentPart(decision=decision, position=number, **part)
            for number, part in enumerate(parts, start=1)
        )
        return Done(
            RecordText(
                _lazy("Besluit vastgelegd: %(outcome)s (%(count)s onderdelen)."),
                outcome=Outcome(outcome_of([p["judgment"] for p in parts])).label,
                count=len(parts),
            ),
            record=decision,
        )
