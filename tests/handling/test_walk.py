"""Every action × every state × every role: the complaint page offers exactly the
actions that `available_actions` returns, the API's `allowed_actions` says exactly those,
and the API accepts exactly those (a missing input is a 400, never a 403 or 409);
everything else is refused through the API with 409 (the complaint does not allow it
now) or 403 (the role may not), and is absent from the page.

The complaint is a cooperation complaint (so the cooperation actions can apply),
assigned to `handler`, forwarded to one partner that replied and one that did not."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.complaints.test_workflow import put_in_state
from vangnet.complaints.models import Complaint, Forward, Kind, SubjectType
from vangnet.complaints.workflow import State
from vangnet.handling.available import available_actions
from vangnet.handling.base import ACTIONS, ProcedureStep
from vangnet.handling.guard import perform

pytestmark = pytest.mark.django_db

#: coordinator: everything; handler: assigned; colleague: same department, not assigned
#: (sees, may not act); partner: its partner replied; waiting_partner: its partner did not.
ROLES = ["coordinator", "handler", "colleague", "partner", "waiting_partner"]
FORM_ACTION = re.compile(r'<form[^>]*\saction="([^"]+)"')


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def people(users, org):
    from django.contrib.auth.models import Group

    from vangnet.core.models import User
    from vangnet.core.roles import Role

    colleague = User.objects.create_user(
        username="colleague", password="x", department=org.dept_social
    )
    colleague.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    return {
        "coordinator": users.coordinator,
        "handler": users.handler,
        "colleague": colleague,
        "partner": users.partner,
        "waiting_partner": users.other_partner,
    }


def complaint_in(state, make_complaint, users, org) -> Complaint:
    complaint = make_complaint(
        subject_type=SubjectType.COOPERATION,
        involved_partners=[org.partner, org.other_partner],
        department=org.dept_social,
    )
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    complaint = put_in_state(complaint, state)  # adds a replied forward to org.partner
    Forward.objects.create(
        complaint=complaint,
        partner=org.other_partner,
        forwarded_on=complaint.received_on,
        reply_due_on=complaint.received_on,
    )
    return Complaint.objects.get(pk=complaint.pk)


def page_actions(client, complaint) -> set[str]:
    """The registry's actions whose form the complaint page offers."""
    by_url = {}
    for name, action in ACTIONS.items():
        if not action.placement:
            continue
        if isinstance(action, ProcedureStep):
            url = reverse("backoffice:complaint_step", args=[complaint.pk, name])
        else:
            url = reverse(f"backoffice:complaint_{name}", args=[complaint.pk])
        by_url[url] = name
    response = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk]))
    if response.status_code != 200:
        return set()
    return {by_url[url] for url in FORM_ACTION.findall(response.content.decode()) if url in by_url}


def api_allowed(api_client, complaint) -> set[str]:
    response = api_client.get(f"/api/v1/complaints/{complaint.pk}/")
    if response.status_code != 200:
        return set()
    allowed = response.json()["allowed_actions"]
    flags = {action.api_flag: name for name, action in ACTIONS.items() if action.api_flag}
    named = {step["step"] for step in allowed["steps"]}
    named |= {flags[flag] for flag, value in allowed.items() if flag != "steps" and value}
    return named


def post_rolled_back(api_client, url: str, body_format: str = "json") -> int:
    """POST an empty body and undo whatever it did: only the answer counts."""
    with transaction.atomic():
        status = api_client.post(url, {}, format=body_format).status_code
        transaction.set_rollback(True)
    return status


def endpoint(action, complaint) -> str | None:
    """The action's endpoint; None for those without one of their own (the partner's
    reply is per partner, below; the resident's actions are not in the API)."""
    if action.api_path:
        return f"/api/v1/complaints/{complaint.pk}/{action.api_path}/"
    return None


@pytest.mark.parametrize("state", State.values)
def test_page_api_and_selector_agree_for_every_action_and_role(
    state, make_complaint, users, org, people, client, api
):
    walk(complaint_in(state, make_complaint, users, org), state, org, people, client, api)


def test_the_walk_with_a_conclusion_awaiting_sign_off(
    make_complaint, users, org, people, client, api
):
    """The conclusion waits for sign-off: the coordinator (only) may approve it or send it
    back, nobody may send the conclusion again meanwhile; approved on the page, it goes
    and the complaint closes."""
    org.municipality.signoff_kinds = ["conclusion", "decline"]
    org.municipality.save()
    complaint = complaint_in(State.DECIDED, make_complaint, users, org)
    draft = perform("send_conclusion", actor=users.handler, complaint=complaint).prepared
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.state == State.DECIDED
    walk(complaint, "decided, awaiting sign-off", org, people, client, api)
    names = {a.name for a in available_actions(users.coordinator, complaint)}
    assert {"approve_letter", "return_letter"} <= names and "send_conclusion" not in names
    assert "approve_letter" not in {a.name for a in available_actions(users.handler, complaint)}

    client.force_login(users.coordinator)
    response = client.post(
        reverse("backoffice:complaint_approve_letter", args=[complaint.pk]), {"letter": draft.pk}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.letters.get(kind="conclusion").signed_by == users.coordinator


def walk(complaint, state, org, people, client, api) -> None:
    for role in ROLES:
        user = people[role]
        client.force_login(user)
        api_client = api(user)
        available = {action.name for action in available_actions(user, complaint)}

        shown = {name for name in available if ACTIONS[name].placement}
        assert page_actions(client, complaint) == shown, (state, role)
        in_api = {n for n in available if ACTIONS[n].api_path or ACTIONS[n].api_flag}
        assert api_allowed(api_client, complaint) == in_api, (state, role)

        for name, action in ACTIONS.items():
            url = endpoint(action, complaint)
            if url is None:
                continue
            status = post_rolled_back(api_client, url, action.api_formats[0])
            if name in available:
                assert status in (200, 201, 400), (state, role, name, status)
            elif not user.has_perm(action.permission, complaint):
                assert status == 403, (state, role, name, status)
            else:
                assert status == 409, (state, role, name, status)

        for partner in (org.partner, org.other_partner):
            url = f"/api/v1/complaints/{complaint.pk}/forwards/{partner.slug}/reply/"
            status = post_rolled_back(api_client, url)
            if "partner_reply" in available and user.partner_id == partner.pk:
                assert status == 400, (state, role, status)  # no input: accepted, refused
            else:
                assert status in (403, 409), (state, role, partner, status)
        fresh = Complaint.objects.get(pk=complaint.pk)
        assert (fresh.state, fresh.updated_at) == (complaint.state, complaint.updated_at)


def test_a_closed_complaint_takes_notes_attachments_and_reopen_only(
    make_complaint, users, org, people
):
    complaint = complaint_in(State.CLOSED, make_complaint, users, org)
    staff = {
        name
        for role in ("coordinator", "handler")
        for name in (a.name for a in available_actions(people[role], complaint))
    }
    assert staff == {"note", "attachments", "reopen"}
    assert {a.name for a in available_actions(users.handler, complaint)} == {"note", "attachments"}


def test_a_message_that_is_no_complaint_takes_notes_attachments_and_correction_only(
    make_complaint, users
):
    question = make_complaint(kind=Kind.QUESTION, redirected_to="Het KCC")
    # The correction: a registration as a question may have been wrong.
    assert {a.name for a in available_actions(users.coordinator, question)} == {
        "note",
        "attachments",
        "correct",
    }
    assert timezone.now()  # the registry is the same for every kind
