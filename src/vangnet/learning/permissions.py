"""Who may see and do what with learning and the second line: the rules, and
`measure_scope(user)`, the rule for the improvement measures as a query filter."""

import rules
from django.db.models import Q

from vangnet.complaints.permissions import can_handle_complaint, can_view_complaint
from vangnet.core.permissions import is_coordinator, is_handler, is_partner_user
from vangnet.core.roles import Role


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
