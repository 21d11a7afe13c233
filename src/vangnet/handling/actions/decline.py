"""Not handled (Awb 9:8): a ground and the explanation for the letter, told within four
weeks of receipt; the complaint closes."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import DeclineGround, Step
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import choice_field, text_field

from .. import rules, sending
from ..base import OTHER_ENDINGS, Context, Done, ProcedureStep, register


class DeclineInput(forms.Form):
    ground = choice_field(gettext_lazy("Grond (Awb 9:8)"), DeclineGround.choices)
    explanation = text_field(gettext_lazy("Uitleg aan de indiener"), rows=4)


@register
class Decline(ProcedureStep):
    step = Step.DECLINE
    input = DeclineInput
    letters = ("decline",)
    placement = OTHER_ENDINGS
    help = gettext_lazy(
        "Kan alleen binnen 4 weken na ontvangst (Awb 9:8). De indiener krijgt een brief; de "
        "klacht wordt afgesloten."
    )
    api_path = "decline"
    api_summary = "Do not handle the complaint (Awb 9:8)"
    api_description = (
        "With a ground and an explanation, within 4 weeks of receipt; sends the letter and closes."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        ground = rules.choice(
            data,
            errors,
            "ground",
            DeclineGround,
            _("Kies de grond uit Awb 9:8 waarom de klacht niet in behandeling wordt genomen."),
        )
        explanation = rules.required_text(
            data, errors, "explanation", _("Leg de indiener uit waarom (dit komt in de brief).")
        )
        if complaint.decline_by and deadlines.today() > complaint.decline_by:
            errors.add(
                "ground",
                _(
                    "Niet in behandeling nemen moest uiterlijk op %(day)s aan de indiener "
                    "worden gemeld (4 weken na ontvangst, Awb 9:8 lid 3). Behandel de klacht; "
                    "u kunt ook het oordeel ‘geen oordeel’ geven."
                )
                % {"day": lazy_long_date(complaint.decline_by)},
            )
        errors.raise_if_any()
        complaint.decline_ground = ground
        label = DeclineGround(ground).label
        sending.letter("decline", ctx, {"ground": str(label), "explanation": explanation})
        return Done(
            RecordText(
                _lazy("Niet in behandeling genomen (Awb 9:8): %(ground)s. %(text)s"),
                ground=label,
                text=explanation,
            ),
            {"decline_ground": ("", ground)},
        )
