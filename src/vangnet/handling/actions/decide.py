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
from vangnet.complaints import parts as complaint_parts
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Advice, ComplaintPart, Decision, JudgmentPart
from vangnet.complaints.workflow import Judgment, Outcome, State, Step, outcome_of
from vangnet.core.errors import Errors
from vangnet.core.forms import choice_field, flag_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register

#: Most parts a decision may judge (as many as a complaint may have).
PARTS_MAX = complaint_parts.PARTS_MAX


class JudgmentPartInput(forms.Form):
    """The judgment on one part of the complaint (`part`: its id), with the norms."""

    part = forms.IntegerField(
        label=gettext_lazy("Klachtonderdeel"), required=False, widget=forms.HiddenInput
    )
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


JudgmentPartFormSet = forms.formset_factory(
    JudgmentPartInput, extra=0, max_num=PARTS_MAX, absolute_max=PARTS_MAX
)


class DecideInput(forms.Form):
    """The decision with a row per part of the complaint as a formset (prefix `parts`),
    parsed together: `cleaned_data["parts"]` holds the rows. `parts_of_complaint`: the
    complaint's parts, one row each (on the page, each row shows its part)."""

    #: The list inside the input (the API nests it: one object per part).
    nested = {
        "parts": (
            JudgmentPartInput,
            "A judgment on every part of the complaint, exactly once: `part` is the id of "
            "one of the complaint's `parts` (see the complaint's detail), with its "
            "`judgment`, `reasoning` and the Behoorlijkheidswijzer `norms` (codes) "
            "concerned. A well-founded or partly well-founded part names the norm(s) not "
            "met. A part left out, an unknown part or a part judged twice gives 400 on "
            "`parts`. The norms are kept on the part: the lesson at closing reuses them.",
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

    def __init__(
        self, data=None, files=None, *, parts_initial=None, parts_of_complaint=(), **kwargs
    ):
        super().__init__(data, files, **kwargs)
        self.parts = JudgmentPartFormSet(
            data, prefix="parts", auto_id=self.auto_id, initial=parts_initial or None
        )
        by_id = {part.pk: part for part in parts_of_complaint}
        for number, row in enumerate(self.parts):
            # Each row shows the part it judges.
            part_id = row["part"].value()
            try:
                row.complaint_part = by_id.get(int(part_id))
            except (TypeError, ValueError):
                row.complaint_part = None
            row.number = row.complaint_part.position if row.complaint_part else number + 1
            # The norms as check boxes grouped per family (works without JavaScript).
            for field in row.fields.values():
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
            cleaned["parts"] = [form.cleaned_data for form in self.parts.forms]
        return cleaned


def latest_decision(complaint) -> Decision | None:
    return complaint.decisions.order_by("-created_at", "-id").first()


def _part_id(value) -> int | None:
    if isinstance(value, ComplaintPart):
        return value.pk
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    return None


def _judgment(number: int, part: dict, errors: Errors) -> dict:
    judgment = part.get("judgment") or ""
    reasoning = (part.get("reasoning") or "").strip()
    codes = list(part.get("norms") or [])
    prefix = complaint_parts.prefix(number)
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
    if len(reasoning) > rules.TEXT_MAX:
        errors.add("parts", prefix + _("de tekst is te lang."))
    return {
        "judgment": judgment,
        "reasoning": reasoning,
        "norms": codes,
    }


def judged_parts(data: dict, errors: Errors, parts: list[ComplaintPart]) -> list[dict]:
    """A judgment for every one of `parts` (the complaint's), exactly once, in the
    parts' order: {part, judgment, reasoning, norms}."""
    raw = data.get("parts") or []
    if not isinstance(raw, list | tuple) or not raw:
        errors.add("parts", _("Geef per klachtonderdeel een oordeel."))
        return []
    known = {part.pk: part for part in parts}
    judged: dict[int, dict] = {}
    for row, given in enumerate(raw, start=1):
        given = dict(given or {})
        if not any(given.get(key) for key in ("part", "judgment", "reasoning", "norms")):
            continue  # an empty row of the page's form
        part = known.get(_part_id(given.get("part")))
        if part is None:
            errors.add(
                "parts",
                complaint_parts.prefix(row) + _("geen klachtonderdeel van deze klacht."),
            )
            continue
        if part.pk in judged:
            errors.add(
                "parts",
                _("Onderdeel %(n)s heeft meer dan één oordeel.") % {"n": part.position},
            )
            continue
        judged[part.pk] = {"part": part, **_judgment(part.position, given, errors)}
    for part in parts:
        if part.pk not in judged:
            errors.add(
                "parts",
                _("Onderdeel %(n)s heeft nog geen oordeel.") % {"n": part.position},
            )
    return [judged[part.pk] for part in parts if part.pk in judged]


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
        "Findings, conclusions, measures and `parts`: a judgment on every part of the "
        "complaint, exactly once, each naming its part by id (`part`, from the detail's "
        "`parts`), with the norms (codes) concerned, which are kept on the part for the "
        "lesson. Deviating from a received advice needs `deviates_from_advice` "
        "and reasons (Awb 9:15). Allowed again in `decided` to correct the decision (the "
        "latest one counts)."
    )

    def make_form(self, complaint=None, data=None, files=None, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        parts_initial = initial.pop("parts_initial", None)
        parts = initial.pop("complaint_parts", None)
        if parts is None and complaint is not None:
            parts = list(complaint.parts.select_related("department", "partner"))
        return DecideInput(
            data,
            files,
            initial=initial,
            parts_initial=parts_initial,
            parts_of_complaint=parts or [],
            **kwargs,
        )

    def initial(self, complaint, records) -> dict:
        """A row per part of the complaint; correcting the decision, its judgments."""
        parts = records["parts"] if "parts" in records else list(complaint.parts.all())
        decision = records.get("latest_decision") if complaint.state == State.DECIDED else None
        judged = {j.part_id: j for j in decision.parts.all()} if decision else {}
        rows = []
        for part in parts:
            judgment = judged.get(part.pk)
            rows.append(
                {
                    "part": part.pk,
                    "judgment": judgment.judgment if judgment else "",
                    "norms": list(judgment.norms if judgment else part.norms),
                    "reasoning": judgment.reasoning if judgment else "",
                }
            )
        if decision is None:
            return {"parts_initial": rows, "complaint_parts": parts}
        return {
            "complaint_parts": parts,
            "findings": decision.findings,
            "conclusions": decision.conclusions,
            "measures": decision.measures,
            "deviates_from_advice": decision.deviates_from_advice,
            "deviation_reasons": decision.deviation_reasons,
            "parts_initial": rows,
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
        parts = judged_parts(data, errors, complaint_parts.ensure_parts(complaint))
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
        for judged in parts:
            part = judged["part"]
            # The norms are asked once, here, and kept on the part for the lesson.
            part.norms = judged["norms"]
            part.save(update_fields=["norms", "updated_at"])
        JudgmentPart.objects.bulk_create(
            JudgmentPart(
                decision=decision,
                part=judged["part"],
                position=number,
                summary=judged["part"].description,
                judgment=judged["judgment"],
                norms=judged["norms"],
                reasoning=judged["reasoning"],
            )
            for number, judged in enumerate(parts, start=1)
        )
        return Done(
            RecordText(
                _lazy("Besluit vastgelegd: %(outcome)s (%(count)s onderdelen)."),
                outcome=Outcome(outcome_of([p["judgment"] for p in parts])).label,
                count=len(parts),
            ),
            record=decision,
        )
