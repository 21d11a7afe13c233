"""What the writes on ombudsman cases and recommendations share: the permission, the
rule that a date cannot lie in the future, and how a case and a value are named on the
timeline."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vangnet.core.errors import Errors

from ..models import OmbudsmanCase

PERM = "learning.manage_ombudsman_cases"


def check_permission(actor) -> None:
    if actor is None or not actor.has_perm(PERM):
        raise PermissionDenied(_("U mag ombudsmanzaken niet vastleggen."))


def not_in_future(errors: Errors, field: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        errors.add(field, _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag."))


def describe(case: OmbudsmanCase) -> str:
    """The case as the timeline names it: its ombudsman and reference."""
    return f"{case.ombudsman} {case.reference}"


def plain(value):
    """A value as the timeline's list of changes records it."""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
