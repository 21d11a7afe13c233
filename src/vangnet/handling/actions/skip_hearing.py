"""Skip the complainant's hearing, on a ground of Awb 9:10 lid 2 (exactly a, b or c).

Lid 2 lets the body skip hearing the complainant only. The person (or organisation)
complained about keeps the right of lid 1: when the complaint names one, the step
records that they were heard (the date), or why not (they declined, answered in
writing ...). A hearing of theirs after the skip is recorded with `hear_person`."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.people import complained_about_anyone
from vangnet.complaints.workflow import HearingSkipGround, Step
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.forms import choice_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register
from ..inputs import date_field
from .offer_hearing import hearing_of


class SkipHearingInput(forms.Form):
    ground = choice_field(gettext_lazy("Grond (Awb 9:10 lid 2)"), HearingSkipGround.choices)
    note = text_field(gettext_lazy("Toelichting"), rows=3)
    person_heard_on = date_field(
        gettext_lazy("Beklaagde gehoord op"),
        help_text=gettext_lazy("Afzien van horen geldt alleen voor de indiener (Awb 9:10)."),
    )
    person_record = text_field(gettext_lazy("Verslag horen beklaagde"), rows=3)
    person_not_heard_reason = text_field(
        gettext_lazy("Of: waarom de beklaagde niet gehoord is"), rows=2
    )


@register
class SkipHearing(ProcedureStep):
    step = Step.SKIP_HEARING
    input = SkipHearingInput
    help = gettext_lazy(
        "Alleen op een grond uit Awb 9:10 lid 2, en alleen voor de indiener: leg vast of de "
        "beklaagde is gehoord, of waarom niet."
    )
    api_path = "hearing/skip"
    api_summary = "Skip the complainant's hearing (Awb 9:10 lid 2)"
    api_description = (
        "With a ground of lid 2 (a `manifestly_unfounded`, needs a `note`; b `waived`; c "
        "`no_response`, only after the offer's `respond_by` passed). When a person or "
        "organisation is complained about: `person_heard_on` (with `person_record`) or "
        "`person_not_heard_reason`."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        hearing = hearing_of(complaint)
        ground = rules.choice(
            data,
            errors,
            "ground",
            HearingSkipGround,
            _("Kies waarom de indiener niet gehoord wordt (Awb 9:10 lid 2 onder a, b of c)."),
        )
        note = rules.optional_text(data, errors, "note")
        if ground == HearingSkipGround.MANIFESTLY_UNFOUNDED and not note:
            errors.add("note", _("Leg uit waarom de klacht kennelijk ongegrond is."))
        if ground == HearingSkipGround.NO_RESPONSE:
            _check_no_response(hearing, errors)
        heard_on, record, reason = _person(data, errors, complaint)
        errors.raise_if_any()
        hearing.skip_ground = ground
        hearing.skip_note = note
        hearing.person_heard_on = heard_on
        hearing.person_record = record
        hearing.person_not_heard_reason = reason
        hearing.save()
        lines = [
            RecordText(
                _lazy("Afgezien van horen van de indiener (Awb 9:10 lid 2): %(ground)s. %(note)s"),
                ground=HearingSkipGround(ground).label,
                note=note,
            )
        ]
        if heard_on:
            lines.append(
                RecordText(_lazy("Beklaagde gehoord op %(day)s."), day=lazy_long_date(heard_on))
            )
        elif reason:
            lines.append(RecordText(_lazy("Beklaagde niet gehoord: %(reason)s"), reason=reason))
        return Done(" ".join(str(line) for line in lines))


def _check_no_response(hearing, errors) -> None:
    """Ground c: only after the complainant was offered a hearing and the term to
    answer (the offer's date to respond by) has passed."""
    if hearing.offered_on is None:
        errors.add(
            "ground",
            _(
                "Grond c kan pas als de indiener is aangeboden gehoord te worden en niet op "
                "tijd reageerde. Bied eerst horen aan."
            ),
        )
    elif hearing.respond_by is not None and deadlines.today() <= hearing.respond_by:
        errors.add(
            "ground",
            _("De indiener mag nog reageren tot en met %(day)s (grond c kan daarna).")
            % {"day": long_date(hearing.respond_by)},
        )


def _person(data, errors, complaint) -> tuple:
    """The person complained about's hearing: (heard on, record, why not)."""
    heard_on = rules.past_date(
        data, errors, "person_heard_on", not_before=complaint.received_on, required=False
    )
    record = rules.optional_text(data, errors, "person_record")
    reason = rules.optional_text(data, errors, "person_not_heard_reason")
    missing = heard_on is None and not reason and "person_heard_on" not in errors
    if missing and complained_about_anyone(complaint):
        errors.add(
            "person_not_heard_reason",
            _(
                "Afzien van horen geldt alleen voor de indiener. Vul in wanneer de beklaagde "
                "is gehoord, of waarom niet (Awb 9:10 lid 1)."
            ),
        )
    return heard_on, record, (reason if heard_on is None else "")
