"""The complaint's lesson, given with a step that closes a handled complaint (informally
resolved, the conclusion sent, closed after a partner): optional cause, lessons and
Behoorlijkheidswijzer norms (`learning.lessons`).

The lesson is checked before the step does anything, so a wrong cause refuses the whole
step with the message next to the field (no letter, nothing stored), and recorded in the
step's transaction when a cause is given. Norms alone are not a lesson: the conclusion's
form shows the decision's norms ticked."""

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


def with_lesson(form_class):
    """Add the optional lesson fields after a step's own fields."""
    fields = _lesson_fields()
    form_class.base_fields = {**form_class.base_fields, **fields}
    form_class.declared_fields = {**form_class.declared_fields, **fields}
    form_class.lesson_fields = LESSON_FIELDS
    return form_class


def take_lesson(ctx: Context) -> None:
    """Take the lesson out of the step's input and check it (its errors join the
    step's); keep it for `record` when a cause is given."""
    given = {key: ctx.data.pop(key, None) for key in LESSON_FIELDS}
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
