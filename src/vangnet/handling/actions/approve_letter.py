"""Sign-off: approve a letter that waits for it, or send it back with a remark
(`handling.signoff`). The coordinator or a mandated signer (`complaints.sign_letter`),
never the person complained about (Awb 9:7)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.core.dates import long_date
from vangnet.letters.models import Letter

from .. import rules, signoff
from ..base import SIDE, ComplaintAction, Context, Done, register

SIGN = "complaints.sign_letter"
#: Longest remark when sending a letter back.
REMARK_MAX = 5_000


def _letter_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext_lazy("Brief"),
        required=False,
        widget=forms.Select,
        help_text=gettext_lazy("De brief die op ondertekening wacht (het id in de API)."),
        **kwargs,
    )


class ApproveLetterInput(forms.Form):
    letter = _letter_field()


class ReturnLetterInput(forms.Form):
    letter = _letter_field()
    remark = forms.CharField(
        label=gettext_lazy("Opmerking voor de behandelaar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Wat moet er anders? De behandelaar ziet dit bij ‘Mijn werk’."),
    )


class _SignOff(ComplaintAction):
    permission = SIGN
    forbids_person_complained_about = True
    placement = SIDE
    refusal_field = "letter"

    def refusal(self, complaint, actor) -> str | None:
        if not signoff.waiting_actions(complaint):
            return str(_("Er wacht geen brief op ondertekening."))
        return None

    def initial(self, complaint, records) -> dict:
        first = signoff.waiting(complaint).first()
        return {"letter": first.pk} if first else {}

    def adapt_form(self, form, complaint, records) -> None:
        drafts = signoff.waiting(complaint).select_related("prepared_by")
        form.fields["letter"].widget.choices = [
            (
                letter.pk,
                _("%(letter)s, voorbereid door %(name)s op %(day)s")
                % {
                    "letter": letter.get_kind_display(),
                    "name": letter.prepared_by or "-",
                    "day": long_date(timezone.localtime(letter.created_at)),
                },
            )
            for letter in drafts
        ]


@register
class ApproveLetter(_SignOff):
    name = "approve_letter"
    label = gettext_lazy("Brief ondertekenen en versturen")
    button = gettext_lazy("Ondertekenen en versturen")
    event = Action.LETTER_APPROVED
    input = ApproveLetterInput
    page_path = "ondertekenen"
    help = gettext_lazy(
        "De brief gaat weg met uw naam en functie onder de ondertekening, en de stap "
        "wordt gezet (bij de afhandelingsbrief: de klacht wordt afgesloten)."
    )
    done_message = gettext_lazy("De brief is ondertekend en verstuurd.")
    api_path = "approve-letter"
    api_flag = "approve_letter"
    api_summary = "Approve (sign) a letter awaiting sign-off and send it"
    api_description = (
        "The coordinator or a mandated signer approves a letter that waits for sign-off "
        "(`letter`: its id, see `GET /api/v1/approvals/`): the step that prepared it is "
        "taken now, as the signer, and the letter names them (name and function). 400 for "
        "an unknown letter or one of another complaint; 409 when it no longer waits or the "
        "step is no longer possible (send it back then)."
    )

    def apply(self, ctx: Context) -> Done:
        letter = signoff.check_draft(ctx)
        ctx.errors.raise_if_any()
        signoff.approve(ctx, letter)
        return Done(
            RecordText(
                _lazy("%(letter)s ondertekend door %(name)s (%(function)s) en verstuurd."),
                letter=Letter.Kind(letter.kind).label,
                name=letter.signatory_name,
                function=letter.signatory_function,
            ),
            record=letter,
        )


@register
class ReturnLetter(_SignOff):
    name = "return_letter"
    label = gettext_lazy("Brief terugsturen")
    button = gettext_lazy("Terugsturen")
    event = Action.LETTER_RETURNED
    input = ReturnLetterInput
    #: Also on a complaint that closed another way meanwhile: the draft must not linger.
    when_closed = True
    page_path = "terugsturen"
    help = gettext_lazy("De brief gaat niet weg; de behandelaar krijgt hem terug met uw opmerking.")
    done_message = gettext_lazy("De brief is teruggestuurd naar de behandelaar.")
    api_path = "return-letter"
    api_flag = "return_letter"
    api_summary = "Send a letter awaiting sign-off back with a remark"
    api_description = (
        "The coordinator or a mandated signer sends the letter (`letter`: its id) back to "
        "whoever prepared it, with a `remark` (required). Nothing is sent; the handler "
        "takes the step again."
    )

    def apply(self, ctx: Context) -> Done:
        letter = signoff.check_draft(ctx)
        remark = rules.required_text(
            ctx.data,
            ctx.errors,
            "remark",
            _("Schrijf op wat er anders moet."),
            maximum=REMARK_MAX,
        )
        ctx.errors.raise_if_any()
        signoff.send_back(ctx, letter, remark)
        return Done(
            RecordText(
                _lazy("%(letter)s teruggestuurd naar %(name)s: %(remark)s"),
                letter=Letter.Kind(letter.kind).label,
                name=str(letter.prepared_by or "-"),
                remark=remark,
            ),
            record=letter,
        )
