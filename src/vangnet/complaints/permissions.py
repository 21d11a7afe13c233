"""Who may see and do what with a complaint: the register's permission rules, in two
forms of one rule, tested to agree (`tests/core/test_permissions.py`):

- `rules` predicates for one complaint, used by pages, the admin and the API through
  `user.has_perm(perm, complaint)`;
- `complaint_scope(user)`, the same rule as a query filter for lists.
Change one, change the other. The roles themselves are `core.permissions`'s.
"""

import rules
from django.db.models import Q

from vangnet.core.permissions import (
    is_coordinator,
    is_handler,
    is_partner_user,
    is_signer,
)
from vangnet.core.roles import Role

from .models import Forward


@rules.predicate
def is_assigned_handler(user, complaint) -> bool:
    return complaint is not None and complaint.handler_id == user.pk


@rules.predicate
def is_in_complaint_department(user, complaint) -> bool:
    return (
        complaint is not None
        and user.department_id is not None
        and complaint.department_id == user.department_id
    )


@rules.predicate
def is_forwarded_to_users_partner(user, complaint) -> bool:
    if complaint is None or user.partner_id is None:
        return False
    return complaint.forwards.filter(partner_id=user.partner_id).exists()


can_view_complaint = (
    is_coordinator
    | (is_handler & (is_assigned_handler | is_in_complaint_department))
    | (is_partner_user & is_forwarded_to_users_partner)
)
can_handle_complaint = is_coordinator | (is_handler & is_assigned_handler)

rules.add_perm("complaints.view_complaint", can_view_complaint)
rules.add_perm("complaints.add_complaint", is_coordinator | is_handler)
rules.add_perm("complaints.handle_complaint", can_handle_complaint)
rules.add_perm("complaints.assign_complaint", is_coordinator)
# A handler picks up a complaint of their own department (when the municipality allows
# it and nobody has it: the action `pick_up` checks those).
rules.add_perm("complaints.pick_up_complaint", is_handler & is_in_complaint_department)
rules.add_perm("complaints.forward_complaint", can_handle_complaint)
rules.add_perm("complaints.add_note", can_handle_complaint)
rules.add_perm("complaints.change_theme", can_handle_complaint)
# Correcting what registration recorded: the coordinator, and the handler of the complaint.
rules.add_perm("complaints.correct_complaint", can_handle_complaint)
rules.add_perm("complaints.add_attachment", can_handle_complaint)
rules.add_perm("complaints.reopen_complaint", is_coordinator)
# Sign-off of a letter before it leaves (`handling.signoff`): the coordinator, or a
# mandated signer on a complaint they may see.
can_sign_letters = is_coordinator | (is_signer & can_view_complaint)
rules.add_perm("complaints.sign_letter", can_sign_letters)
# A partner user reports back on a complaint forwarded to their partner.
rules.add_perm("complaints.reply_to_forward", is_partner_user & is_forwarded_to_users_partner)
rules.add_perm("complaints.resend_email", is_coordinator)
# The internal timeline (notes, assignments) is for the municipality's own staff.
rules.add_perm("complaints.view_timeline", (is_coordinator | is_handler) & can_view_complaint)
rules.add_perm("complaints.view_personal_data", can_view_complaint)
rules.add_perm("complaints.list_complaints", is_coordinator | is_handler | is_partner_user)


def complaint_scope(user) -> Q | None:
    """The complaints `user` may see, as a filter; None means none at all.
    The query form of `complaints.view_complaint` above."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    roles = user.roles
    if Role.COORDINATOR in roles or user.is_superuser:
        # Django grants a superuser every permission; the list scope must agree.
        return Q()
    scope = None
    if Role.HANDLER in roles:
        handler_q = Q(handler_id=user.pk)
        if user.department_id is not None:
            handler_q |= Q(department_id=user.department_id)
        scope = handler_q
    if Role.PARTNER in roles and user.partner_id is not None:
        # A subquery, not a join: a join would repeat complaints forwarded more than once.
        partner_q = Q(
            pk__in=Forward.objects.filter(partner_id=user.partner_id).values("complaint_id")
        )
        scope = partner_q if scope is None else scope | partner_q
    return scope


def signing_scope(user) -> Q | None:
    """The complaints whose letters `user` may sign, as a filter; None: none. The query
    form of `complaints.sign_letter`."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if user.is_superuser or Role.COORDINATOR in user.roles:
        return Q()
    if Role.SIGNER in user.roles:
        return complaint_scope(user)
    return None
