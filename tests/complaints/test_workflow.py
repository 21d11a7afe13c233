"""The transition table: every allowed step works for the roles that may take it, and
every other (step, role) pair is refused."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints import services
from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import TRANSITIONS, Outcome, State, get_transition

ROLES = ["coordinator", "handler", "other_handler", "partner", "viewer", "administrator", "nobody"]
#: Who may take a handling step on a complaint assigned to `handler` (of its department).
MAY_HANDLE = {"coordinator", "handler"}


def put_in_state(complaint: Complaint, state: str) -> Complaint:
    """Bring a fresh complaint to `state` through the table itself."""
    path = {
        State.RECEIVED: [],
        State.IN_PROGRESS: [State.IN_PROGRESS],
        State.CLOSED: [State.CLOSED],
    }[state]
    for target in path:
        complaint = Complaint.objects.get(pk=complaint.pk)
        complaint.state = target
        if target == State.CLOSED:
            complaint.closed_on = complaint.received_on
            complaint.outcome = Outcome.UNFOUNDED
        complaint.save()
    return Complaint.objects.get(pk=complaint.pk)


def test_table_covers_every_state():
    assert set(TRANSITIONS) == set(State.values)
    assert TRANSITIONS[State.CLOSED] == {}


@pytest.mark.parametrize(
    ("source", "target", "role"),
    list(itertools.product(State.values, State.values, ROLES)),
)
def test_every_transition_for_every_role(make_complaint, users, source, target, role):
    complaint = make_complaint()
    services.assign_handler(actor=users.coordinator, complaint=complaint, handler=users.handler)
    complaint = put_in_state(complaint, source)
    actor = getattr(users, role)
    step = get_transition(source, target)
    kwargs = {"outcome": Outcome.UNFOUNDED} if target == State.CLOSED else {}

    if step is None:
        with pytest.raises(ValidationError):
            services.transition(actor=actor, complaint=complaint, target=target, **kwargs)
        assert Complaint.objects.get(pk=complaint.pk).state == source
    elif role in MAY_HANDLE:
        events_before = complaint.events.count()
        result = services.transition(actor=actor, complaint=complaint, target=target, **kwargs)
        assert result.state == target
        assert Complaint.objects.get(pk=complaint.pk).state == target
        assert complaint.events.count() == events_before + 1
    else:
        with pytest.raises(PermissionDenied):
            services.transition(actor=actor, complaint=complaint, target=target, **kwargs)
        assert Complaint.objects.get(pk=complaint.pk).state == source


def test_handler_of_the_department_cannot_handle_unassigned(make_complaint, users):
    complaint = make_complaint()
    with pytest.raises(PermissionDenied):
        services.transition(actor=users.handler, complaint=complaint, target=State.IN_PROGRESS)


def test_closed_complaint_gets_no_handler_or_forward(make_complaint, users, org):
    complaint = put_in_state(make_complaint(), State.CLOSED)
    with pytest.raises(ValidationError):
        services.assign_handler(actor=users.coordinator, complaint=complaint, handler=users.handler)
    with pytest.raises(ValidationError):
        services.forward_to_partner(
            actor=users.coordinator, complaint=complaint, partner=org.partner
        )
