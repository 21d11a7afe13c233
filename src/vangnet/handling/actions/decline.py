"""Not handled (Awb 9:8): a ground and the explanation for the letter, told within four
weeks of receipt; the complaint closes."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import conduct, deadlines
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

    def initial(self, complaint, records) -> dict:
        if conduct.older_than_a_year(complaint):
            return {"ground": DeclineGround.OLDER_THAN_A_YEAR}
        return {}

    def adapt_form(self, form, complaint, records) -> None:
        """Awb 9:8 lid 1 b: say so when the conduct ended more than a year before the
        complaint (the ground is then preselected)."""
        if conduct.older_than_a_year(complaint):
            end = conduct.conduct_end(complaint.conduct_on, complaint.conduct_until)
            form.fields["ground"].help_text = _(
                "De gedraging was op %(day)s, meer dan een jaar voor de klacht (ontvangen op "
                "%(received)s): de klacht hoeft niet behandeld te worden (Awb 9:8 lid 1 b)."
            ) % {"day": lazy_long_date(end), "received": lazy_long_date(complaint.received_on)}

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
        if (
            ground == DeclineGround.OLDER_THAN_A_YEAR
            and conduct.older_than_a_year(complaint) is False
        ):
            errors.add("ground", _within_a_year(complaint))
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


def _within_a_year(complaint) -> str:
    """Why ground b (Awb 9:8 lid 1 b) does not apply: the conduct was within a year."""
    end = conduct.conduct_end(complaint.conduct_on, complaint.conduct_until)
    return _(
        "De gedraging was op %(day)s, minder dan een jaar voor de klacht (ontvangen op "
        "%(received)s). Deze grond geldt dus niet."
    ) % {"day": lazy_long_date(end), "received": lazy_long_date(complaint.received_on)}
