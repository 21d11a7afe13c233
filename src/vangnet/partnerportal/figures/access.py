"""Who may give and review the partners' figures.

A partner user submits for their own partner (`user.partner_id`), a coordinator for any
partner; the overview of who has (not) reported and the reminders are for coordinators.
The rules `partnerportal.submit_figures` and `partnerportal.review_figures` are in
`core/permissions.py`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vangnet.organisations.models import Partner

SUBMIT_PERMISSION = "partnerportal.submit_figures"
REVIEW_PERMISSION = "partnerportal.review_figures"


def is_active_user(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_review(user) -> bool:
    """The overview of all partners and the reminders: coordinators
    (`core/permissions.py`)."""
    return is_active_user(user) and user.has_perm("partnerportal.review_figures")


def can_submit(user, partner: Partner | None = None) -> bool:
    """A coordinator for any partner; a partner user for their own partner only."""
    if not (is_active_user(user) and user.has_perm("partnerportal.submit_figures")):
        return False
    if can_review(user):
        return True
    return bool(user.partner_id) and (partner is None or user.partner_id == partner.pk)


def require_submit(actor, partner) -> None:
    if not can_submit(actor, partner):
        raise PermissionDenied(_("U mag geen cijfers doorgeven voor deze partner."))
