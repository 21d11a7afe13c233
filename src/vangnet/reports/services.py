"""Writes of the reports app: the coordinator's texts for the annual report."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.complaints.services import EARLIEST_RECEIVED_ON
from vangnet.organisations.models import Body

from .models import ReportText

EDIT_PERMISSION = "reports.edit_report_text"
#: Longest text block, in characters (a few pages of the report).
MAX_TEXT_LENGTH = 20_000
TEXT_FIELDS = ("foreword", "lessons", "measures")


def report_years() -> range:
    """The years a report can be about: from the earliest possible received date up to
    this year (a report of the running year is a report so far)."""
    return range(EARLIEST_RECEIVED_ON.year, deadlines.today().year + 1)


def save_report_text(
    *,
    actor,
    year: int,
    body: Body | None,
    foreword: str = "",
    lessons: str = "",
    measures: str = "",
) -> ReportText:
    """Store the texts of one year's report (about one body, or all when `body` is
    None), replacing what was there. Raises PermissionDenied, or ValidationError with
    every error per field at once; nothing is stored on error. No event: these are
    the municipality's own texts, not a complaint's file."""
    if not actor.has_perm(EDIT_PERMISSION):
        raise PermissionDenied
    texts = {"foreword": foreword, "lessons": lessons, "measures": measures}
    errors: dict[str, list[str]] = {}
    if not isinstance(year, int) or year not in report_years():
        errors.setdefault("year", []).append(
            _("Kies een jaar tussen %(first)s en %(last)s.")
            % {"first": report_years()[0], "last": report_years()[-1]}
        )
    if body is not None and (body.pk is None or not Body.objects.filter(pk=body.pk).exists()):
        errors.setdefault("body", []).append(_("Dit bestuursorgaan bestaat niet (meer)."))
    for name, text in texts.items():
        text = (text or "").replace("\r\n", "\n").strip()
        texts[name] = text
        if len(text) > MAX_TEXT_LENGTH:
            errors.setdefault(name, []).append(
                _("Maak de tekst korter: hoogstens %(max)s tekens (nu %(n)s).")
                % {"max": f"{MAX_TEXT_LENGTH:,}".replace(",", "."), "n": len(text)}
            )
        if "\x00" in text:
            errors.setdefault(name, []).append(_("De tekst bevat een ongeldig teken."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        body_id = body.pk if body is not None else None
        # Lock the row (if any) so two saves at once end as one row, the last one. Only
        # this table's row: the default ordering joins the body, and PostgreSQL locks no
        # row on the nullable side of an outer join (the municipality-wide texts).
        text = (
            ReportText.objects.select_for_update(of=("self",))
            .filter(year=year, body_id=body_id)
            .first()
        ) or ReportText(year=year, body_id=body_id)
        for name, value in texts.items():
            setattr(text, name, value)
        text.updated_by = actor
        text.save()
    return text
