"""The one extension of Awb 9:11 lid 2: at most four weeks, decided before the due date,
with a letter to the complainant and the person complained about. Once used, or once the
term has passed, only a delay with the complainant's written consent remains."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action
from vangnet.complaints.models import Postponement
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.forms import text_field

from .. import rules, sending
from ..base import TERM, ComplaintAction, Context, Done, register
from ..inputs import date_field
from ._term import extension_limit, postpone


class ExtendInput(forms.Form):
    new_due = date_field(
        gettext_lazy("Nieuwe uiterste datum"), help_text=gettext_lazy("Hoogstens vier weken later.")
    )
    reason = text_field(gettext_lazy("Waarom is meer tijd nodig?"), rows=3)


def _extended(complaint) -> bool:
    # The complaint page and the API prefetch the postponements.
    return any(p.kind == Postponement.Kind.EXTENSION for p in complaint.postponements.all())


@register
class Extend(ComplaintAction):
    name = "extend"
    label = gettext_lazy("Termijn verdagen")
    event = Action.POSTPONED
    input = ExtendInput
    letters = ("extension",)
    placement = TERM
    page_path = "verdagen"
    refusal_field = "new_due"
    help = gettext_lazy(
        "De indiener en de beklaagde krijgen een brief met de nieuwe datum en de reden."
    )
    api_path = "extension"
    api_flag = "extension"
    api_operation = "complaints_extend"
    api_created = True
    api_summary = "Extend the term once (Awb 9:11 lid 2)"
    api_description = (
        "At most 4 weeks, decided before the due date, once; sends the extension letter to "
        "the complainant and the person complained about. 409 when the complaint is closed, "
        "was extended before, or its term has passed (a further delay then needs the "
        "complainant's consent: `delay`)."
    )

    def refusal(self, complaint, actor) -> str | None:
        if _extended(complaint):
            return _(
                "De termijn is al een keer verdaagd. Nog een keer verdagen mag niet (Awb "
                "9:11); verder uitstel kan alleen met schriftelijke instemming van de indiener."
            )
        if complaint.decide_by and deadlines.today() > complaint.decide_by:
            return _(
                "De termijn is op %(day)s verstreken. Verdagen kan alleen vóór die datum "
                "(Awb 9:11); uitstel kan nu alleen met schriftelijke instemming van de indiener."
            ) % {"day": long_date(complaint.decide_by)}
        return None

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        new_due = data.get("new_due")
        limit = extension_limit(complaint)
        if new_due is None:
            errors.add("new_due", _("Kies de nieuwe datum."))
        elif new_due <= complaint.decide_by:
            errors.add(
                "new_due",
                _("Kies een datum na de huidige termijn (%(day)s).")
                % {"day": lazy_long_date(complaint.decide_by)},
            )
        elif new_due > limit:
            errors.add(
                "new_due",
                _("Verdagen kan met hoogstens vier weken: uiterlijk tot %(day)s.")
                % {"day": lazy_long_date(limit)},
            )
        reason = rules.required_text(
            data,
            errors,
            "reason",
            _("Schrijf op waarom meer tijd nodig is (dit komt in de brief)."),
        )
        errors.raise_if_any()
        summary, changes = postpone(
            actor=ctx.actor,
            complaint=complaint,
            kind=Postponement.Kind.EXTENSION,
            new_due=new_due,
            reason=reason,
        )
        postponement = complaint.postponements.order_by("-id").first()
        sending.letter("extension", ctx, {"postponement": postponement}, copy=True)
        return Done(summary, changes, record=postponement)

    def message(self, result) -> str:
        return _(
            "De termijn is verdaagd tot %(day)s. De indiener en de beklaagde krijgen een brief."
        ) % {"day": long_date(result.complaint.decide_by)}
