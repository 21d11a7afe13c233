"""The complaint's lesson, given with a step that closes a handled complaint (informally
resolved, the conclusion sent, closed after a partner): optional cause, lessons and
Behoorlijkheidswijzer norms (`learning.lessons`).

The lesson is checked before the step does anything, so a wrong cause refuses the whole
step with the message next to the field (no letter, nothing stored), and recorded in the
step's transaction when a cause is given. Norms alone are not a lesson.

The norms are asked once: the decision asks them per part of the complaint and keeps
them on the parts (`ComplaintPart.norms`). A step that closes a decided complaint (the
conclusion) does not ask them again: its form shows them ticked and read-only
(`show_parts_norms`), and the lesson stores them (`parts_norms`). The steps that close
without a decision (informally resolved, closed after a partner) ask them here, as
nothing asked them before."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.complaints import norms
from vangnet.core.forms import text_field
from vangnet.learning import lessons
from vangnet.learning.models import Cause

from . import signoff
from .base import Context
from .rules import text

#: The optional lesson fields of the steps that close a handled complaint.
LESSON_FIELDS = ("cause", "lessons", "norms")


def _cause_choices() -> list[tuple[str, str]]:
    causes = Cause.objects.filter(is_active=True)
    return [("", gettext_lazy("Nu geen oorzaak kiezen")), *((str(c.pk), c.name) for c in causes)]


def _lesson_fields() -> dict[str, forms.Field]:
    return {
        # A plain text field with a list to pick from: the step checks the id, so the page
        # and the API (which derives its body from this form) say the same.
        "cause": forms.CharField(
            label=gettext_lazy("Oorzaak"),
            required=False,
            help_text=gettext_lazy(
                "Mag leeg. Kiest u een oorzaak, dan wordt de les vastgelegd bij het "
                "afsluiten. Het kan ook later, op de pagina van de klacht."
            ),
            widget=forms.Select(choices=_cause_choices),
        ),
        "lessons": text_field(
            gettext_lazy("Geleerde lessen"),
            help_text=gettext_lazy("Wat doen we voortaan anders? Geen persoonsgegevens."),
            rows=3,
            max_length=10_000,
        ),
        "norms": forms.MultipleChoiceField(
            label=gettext_lazy("Normen"),
            required=False,
            choices=norms.CHOICES,
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy(
                "De normen van de Behoorlijkheidswijzer waar deze klacht over ging."
            ),
        ),
    }


def with_lesson(form_class=None, *, ask_norms: bool = True):
    """Add the optional lesson fields after a step's own fields; without `ask_norms` the
    norms come from the complaint's parts (see the module)."""
    if form_class is None:
        return lambda cls: with_lesson(cls, ask_norms=ask_norms)
    fields = _lesson_fields()
    if not ask_norms:
        del fields["norms"]
    form_class.base_fields = {**form_class.base_fields, **fields}
    form_class.declared_fields = {**form_class.declared_fields, **fields}
    form_class.lesson_fields = LESSON_FIELDS
    return form_class


def parts_norms(complaint, parts=None) -> list[str]:
    """The norms of the complaint's parts (asked by the decision), each once, in the
    Behoorlijkheidswijzer's order. `parts`: the parts when already read."""
    parts = complaint.parts.all() if parts is None else parts
    named = {code for part in parts for code in part.norms or []}
    return [code for code in norms.NORMS if code in named]


def show_parts_norms(form, complaint, parts=None) -> None:
    """The parts' norms on a step's form, ticked and read-only (a disabled field: what is
    posted for it is ignored)."""
    form.fields["norms"] = forms.MultipleChoiceField(
        label=gettext_lazy("Normen (uit het besluit)"),
        required=False,
        disabled=True,
        choices=norms.CHOICES,
        initial=parts_norms(complaint, parts),
        # Disabled on the widget too: the grouped check boxes render from its attrs.
        widget=forms.CheckboxSelectMultiple(attrs={"disabled": True}),
        help_text=gettext_lazy(
            "De normen die het besluit per klachtonderdeel noemde; de les neemt ze over. "
            "Wijzigen kan door het besluit te corrigeren."
        ),
    )


def take_lesson(ctx: Context, *, norms_given: list[str] | None = None) -> None:
    """Take the lesson out of the step's input and check it (its errors join the
    step's); keep it for `record` when a cause is given. `norms_given`: the norms
    already asked (the parts'), used instead of any in the input."""
    given = {key: ctx.data.pop(key, None) for key in LESSON_FIELDS}
    if norms_given is not None:
        given["norms"] = norms_given
    if given["cause"] in (None, ""):
        if text(given, "lessons"):
            ctx.errors.add(
                "cause",
                _(
                    "Kies de oorzaak, dan worden de geleerde lessen bewaard. "
                    "Of maak de lessen leeg."
                ),
            )
        return
    author = signoff.author(ctx)  # a signed draft's lesson is its preparer's
    if author is None or not author.has_perm(lessons.PERM, ctx.complaint):
        ctx.errors.add("cause", _("U mag bij deze klacht geen les vastleggen."))
        return
    try:
        ctx.extra["lesson"] = lessons.check(given)
    except ValidationError as error:
        ctx.errors.extend(error)


def record(ctx: Context) -> None:
    """Record the checked lesson, dated the day the complaint closed."""
    lesson = ctx.extra.get("lesson")
    if lesson is not None:
        lessons.record_lesson(
            actor=signoff.author(ctx),
            complaint=ctx.complaint,
            data=lesson,
            today=ctx.complaint.closed_on,
        )
