"""What a user may do with a complaint now: one selector for the complaint page and the
API's `allowed_actions`, so the two never disagree.

An action is available when the user has its permission on the complaint, the complaint
allows it now (kind, state, open or closed, the action's own condition) and, for a step
of the procedure, the user is not the person complained about (Awb 9:7). The guard
checks exactly the same when the action is taken; an available action may still refuse
its input (a required text left empty ...).
"""

from vangnet.complaints.models import Complaint
from vangnet.complaints.people import is_person_complained_about

from .base import ACTIONS, ComplaintAction


def available_actions(user, complaint: Complaint) -> list[ComplaintAction]:
    """The actions `user` may take on `complaint` now, in the registry's order."""
    if user is None or not user.is_authenticated:
        return []
    granted: dict[str, bool] = {}

    def may(permission: str) -> bool:
        if permission not in granted:
            granted[permission] = user.has_perm(permission, complaint)
        return granted[permission]

    person = None  # Awb 9:7, looked up once when a step needs it
    result = []
    for action in ACTIONS.values():
        if not action.permission or not may(action.permission):
            continue
        if action.why_not(complaint, user):
            continue
        if action.forbids_person_complained_about:
            if person is None:
                person = is_person_complained_about(complaint, user)
            if person:
                continue
        result.append(action)
    return result
