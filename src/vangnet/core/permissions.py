"""Who may see and do what: the roles as `rules` predicates, the `require` check every
service makes, and the rules that are about no one app (the figures, the back office).
The rules of a complaint are the register's (`complaints.permissions`, with
`complaint_scope` for lists), those of learning and the second line are learning's
(`learning.permissions`); both build on the role predicates here.

- coordinator: every complaint; may register, assign, handle, forward.
- handler: complaints assigned to them and those of their own department; handles
  only those assigned to them; may register.
- partner user: only complaints forwarded to their partner; reads them, never the
  internal timeline.
- viewer (council/analyst): figures only, never a complaint or personal data.
- mandated signer: approves (signs) or sends back letters that need sign-off on the
  complaints they may see (with another role: a handler's department, say); the
  coordinator signs too.
- administrator: configuration (organisation, themes, users) in the admin; no
  complaints unless they also hold another role.
- superuser (the technical break-glass account): everything, as Django's
  `has_perm` always grants it; keep such accounts few.
"""

import rules
from django.core.exceptions import PermissionDenied
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
is_signer = _role_predicate(Role.SIGNER)


rules.add_perm("reports.view_figures", is_coordinator | is_viewer)
# The internal report (no suppression of small numbers) and the coordinator's texts.
rules.add_perm("reports.view_internal_report", is_coordinator)
rules.add_perm("reports.edit_report_text", is_coordinator)
# Partners' own complaint figures: a partner user submits its own, the coordinator any,
# and the coordinator sees who has not reported and sends reminders.
rules.add_perm("partnerportal.submit_figures", is_partner_user | is_coordinator)
rules.add_perm("partnerportal.review_figures", is_coordinator)


# The cost of the second line and the scenarios hold no personal data: for the council.
rules.add_perm("organisations.view_second_line_costs", is_coordinator | is_viewer)
rules.add_perm("organisations.edit_second_line_texts", is_coordinator | is_administrator)
rules.add_perm("backoffice.access", is_coordinator | is_handler | is_partner_user | is_viewer)
