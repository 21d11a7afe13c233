"""Who may see and do what: the one place for Vangnet's permission rules.

Object rules are `rules` predicates (used by pages, the admin and the API through
`user.has_perm(perm, obj)`); list reads are scoped with `complaint_scope(user)`, the
same rule written as a query filter. Change one, change the other: tests check both.

- coordinator: every complaint; may register, assign, handle, forward.
- handler: complaints assigned to them and those of their own department; handles
  only those assigned to them; may register.
- partner user: only complaints forwarded to their partner; reads them, never the
  internal timeline.
- viewer (council/analyst): figures only, never a complaint or personal data.
- administrator: configuration (organisation, themes, users) in the admin; no
  complaints unless they also hold another role.
- superuser (the technical break-glass account): everything, as Django's
  `has_perm` always grants it; keep such accounts few.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from .roles import Role


def require(actor, permission: str, obj=None) -> None:
    """Refuse (`PermissionDenied`) unless `actor` has `permission` on `obj`: the one
    check every service makes before it reads its input."""
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(_("U mag dit niet doen."))


def _role_predicate(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def has_role(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return has_role


is_coordinator = _role_predicate(Role.COORDINATOR)
is_handler = _role_predicate(Role.HANDLER)
is_partner_user = _role_predicate(Role.PARTNER)
is_viewer = _role_predicate(Role.VIEWER)
is_administrator = _role_predicate(Role.ADMINISTRATOR)


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
rules.add_perm("complaints.forward_complaint", can_handle_complaint)
rules.add_perm("complaints.add_note", can_handle_complaint)
rules.add_perm("complaints.change_theme", can_handle_complaint)
rules.add_perm("complaints.add_attachment", can_handle_complaint)
rules.add_perm("complaints.reopen_complaint", is_coordinator)
# A partner user reports back on a complaint forwarded to their partner.
rules.add_perm("complaints.reply_to_forward", is_partner_user & is_forwarded_to_users_partner)
rules.add_perm("complaints.resend_email", is_coordinator)
# The internal timeline (notes, assignments) is for the municipality's own staff.
rules.add_perm("complaints.view_timeline", (is_coordinator | is_handler) & can_view_complaint)
rules.add_perm("complaints.view_personal_data", can_view_complaint)
rules.add_perm("complaints.list_complaints", is_coordinator | is_handler | is_partner_user)
rules.add_perm("reports.view_figures", is_coordinator | is_viewer)
# The internal report (no suppression of small numbers) and the coordinator's texts.
rules.add_perm("reports.view_internal_report", is_coordinator)
rules.add_perm("reports.edit_report_text", is_coordinator)
# Partners' own complaint figures: a partner user submits its own, the coordinator any,
# and the coordinator sees who has not reported and sends reminders.
rules.add_perm("partnerportal.submit_figures", is_partner_user | is_coordinator)
rules.add_perm("partnerportal.review_figures", is_coordinator)


@rules.predicate
def owns_measure(user, measure) -> bool:
    """The measure's owner: a handler of its department or a user of its partner."""
    if measure is None:
        return False
    if measure.department_id is not None:
        return user.department_id == measure.department_id and user.has_role(Role.HANDLER)
    return user.partner_id == measure.partner_id and user.has_role(Role.PARTNER)


# Learning and the second line (issue 6). Lessons belong to handling the complaint;
# measures are read by staff and by the owning partner, changed by the coordinator,
# and their progress recorded by their owner; the queue of rule bottlenecks, case
# discussions and ombudsman cases are the coordinator's, read by handlers.
rules.add_perm("learning.record_lesson", can_handle_complaint)
rules.add_perm("learning.view_measures", is_coordinator | is_handler | is_partner_user)
rules.add_perm("learning.manage_measures", is_coordinator)
rules.add_perm("learning.update_measure", is_coordinator | owns_measure)
rules.add_perm("learning.view_learning", is_coordinator | is_handler)
rules.add_perm("learning.flag_bottleneck", (is_coordinator | is_handler) & can_view_complaint)
rules.add_perm("learning.decide_bottleneck", is_coordinator)
rules.add_perm("learning.manage_discussions", is_coordinator)
rules.add_perm("learning.manage_ombudsman_cases", is_coordinator)
# The cost of the second line and the scenarios hold no personal data: for the council.
rules.add_perm("organisations.view_second_line_costs", is_coordinator | is_viewer)
rules.add_perm("organisations.edit_second_line_texts", is_coordinator | is_administrator)
rules.add_perm("backoffice.access", is_coordinator | is_handler | is_partner_user | is_viewer)


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
        from vangnet.complaints.models import Forward

        # A subquery, not a join: a join would repeat complaints forwarded more than once.
        partner_q = Q(
            pk__in=Forward.objects.filter(partner_id=user.partner_id).values("complaint_id")
        )
        scope = partner_q if scope is None else scope | partner_q
    return scope


def measure_scope(user) -> Q | None:
    """The improvement measures `user` may see, as a filter; None means none. The query
    form of `learning.view_measures`: staff see all, a partner user its partner's."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    roles = user.roles
    if user.is_superuser or Role.COORDINATOR in roles or Role.HANDLER in roles:
        return Q()
    if Role.PARTNER in roles and user.partner_id is not None:
        return Q(partner_id=user.partner_id)
    return None
