"""Who sees which complaints and fields, and who may do what, through the API.

The complaints:
- social: about Werk en Inkomen (the handler's department), assigned to the handler,
  forwarded to the partner;
- space: about Beheer Openbare Ruimte (the other handler's department), unassigned;
- elsewhere: about Beheer Openbare Ruimte, but assigned to the handler.
"""

import pytest
from django.contrib.auth.models import Group

from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.handling.guard import perform

from .conftest import COMPLAINTS_URL, action_url, detail_url

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "handler",
    "other_handler",
    "partner",
    "other_partner",
    "viewer",
    "administrator",
    "nobody",
]


@pytest.fixture
def cases(org, users, make_complaint):
    coordinator = users.coordinator
    social = make_complaint(department=org.dept_social)
    perform("assign", actor=coordinator, complaint=social, data={"handler": users.handler})
    perform("forward", actor=coordinator, complaint=social, data={"partner": org.partner})
    space = make_complaint(department=org.dept_space, theme=org.waste)
    elsewhere = make_complaint(department=org.dept_space, theme=org.waste)
    perform("assign", actor=coordinator, complaint=elsewhere, data={"handler": users.handler})
    return {"social": social.pk, "space": space.pk, "elsewhere": elsewhere.pk}


VISIBLE = {
    "coordinator": {"social", "space", "elsewhere"},
    "handler": {"social", "elsewhere"},
    "other_handler": {"space", "elsewhere"},
    "partner": {"social"},
    "other_partner": set(),
    "viewer": set(),
    "administrator": set(),
    "nobody": set(),
}
MAY_LIST = {"coordinator", "handler", "other_handler", "partner", "other_partner"}
# The municipality's own staff see the internal fields.
SEES_TIMELINE = {"coordinator", "handler", "other_handler"}


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_what_the_role_may_see(api, users, cases, role):
    response = api(getattr(users, role)).get(COMPLAINTS_URL)

    if role not in MAY_LIST:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["id"] for row in rows} == {cases[name] for name in VISIBLE[role]}
    assert response.json()["count"] == len(VISIBLE[role])
    for row in rows:
        assert "complainant" not in row
        assert "timeline" not in row
        assert ("handler" in row) == (role in SEES_TIMELINE)


@pytest.mark.parametrize("role", ROLES)
def test_detail_shows_what_the_role_may_see(api, users, cases, role):
    client = api(getattr(users, role))
    for name, pk in cases.items():
        response = client.get(detail_url(pk))
        if name not in VISIBLE[role]:
            assert response.status_code == 404, (role, name)
            continue
        assert response.status_code == 200, (role, name)
        data = response.json()
        # Whoever may see the complaint may see its personal data (the rules say so);
        # the internal timeline is for the municipality's own staff only.
        assert "complainant" in data
        assert data["complainant"]["name"] == "Fatima de Vries"
        assert "representative" in data
        assert ("timeline" in data) == (role in SEES_TIMELINE)
        assert ("handler" in data) == (role in SEES_TIMELINE)
        assert ("forwards" in data) == (role in SEES_TIMELINE)
        if "handler" in data:
            expected = "handler" if name in {"social", "elsewhere"} else None
            assert (data["handler"] or {}).get("username") == expected


def test_a_partner_user_sees_no_internal_detail(api, users, cases):
    data = api(users.partner).get(detail_url(cases["social"])).json()

    assert data["reference"]
    assert data["deadlines"]["decide_by"]
    assert data["allowed_actions"] == {
        "steps": [],
        "assign": False,
        "pick_up": False,
        "note": False,
        "theme": False,
        "correct": False,
        "parts": False,
        "forward": False,
        "attachments": False,
        "extension": False,
        "delay": False,
        "contributions": False,
        "joint_discussions": False,
        "hear_person": False,
        "record_copy": False,
        "reply": True,  # their partner has not reported back yet
        "approve_letter": False,
        "return_letter": False,
    }
    for hidden in (
        "handler",
        "timeline",
        "open_tasks",
        "forwards",
        "contacts",
        "hearing",
        "advice",
        "decisions",
        "postponements",
        "letters",
        "contributions",
        "joint_discussions",
    ):
        assert hidden not in data


def test_anonymous_gets_401(api, cases):
    assert api().get(COMPLAINTS_URL).status_code == 401
    assert api().get(detail_url(cases["social"])).status_code == 401


def test_token_authentication(api, users, cases):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=users.handler)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get(COMPLAINTS_URL)
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {
        cases["social"],
        cases["elsewhere"],
    }
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get(COMPLAINTS_URL).status_code == 401


# --- Actions --------------------------------------------------------------------------

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")


ACTIONS = {
    # action: (payload, format, status on success)
    "assign": (lambda: {"handler": "otherhandler"}, "json", 200),
    "acknowledge": (lambda: {}, "json", 200),
    "extension": (lambda: {"new_due": None, "reason": ""}, "json", 400),
    "notes": (lambda: {"text": "Klager gebeld; afspraak gemaakt."}, "json", 201),
    "theme": (lambda: {"theme": "afval"}, "json", 200),
    "forward": (lambda: {"partner": "afvalbedrijf", "note": "Graag reactie."}, "json", 201),
    "attachments": (lambda: {"files": [_pdf()]}, "multipart", 201),
}


@pytest.fixture
def colleague(org):
    """A handler in the same department as the assigned handler: sees, may not act."""
    user = User.objects.create_user(username="colleague", department=org.dept_social)
    user.groups.add(Group.objects.get_or_create(name=Role.HANDLER.value)[0])
    return user


# role -> actions allowed on "social" (assigned to handler, forwarded to partner);
# None: the complaint is not visible, so 404.
ALLOWED = {
    "coordinator": set(ACTIONS),
    "handler": set(ACTIONS) - {"assign"},
    "colleague": set(),
    "partner": set(),
    "other_handler": None,
    "other_partner": None,
    "viewer": None,
    "administrator": None,
    "nobody": None,
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", list(ALLOWED))
def test_who_may_do_what(api, users, cases, colleague, role, action):
    from vangnet.complaints.models import Complaint, Event

    user = colleague if role == "colleague" else getattr(users, role)
    payload, fmt, success = ACTIONS[action]
    pk = cases["social"]
    events_before = Event.objects.filter(complaint_id=pk).count()

    response = api(user).post(action_url(pk, action), payload(), format=fmt)

    if ALLOWED[role] is None:
        assert response.status_code == 404
    elif action in ALLOWED[role]:
        assert response.status_code == success, response.json()
        if success < 400:
            assert response.json()["id"] == pk
            assert Event.objects.filter(complaint_id=pk).count() > events_before
        else:  # allowed, but the (empty) input is refused: the permission came first
            assert set(response.json()) == {"new_due", "reason"}
    else:
        assert response.status_code == 403
    if ALLOWED[role] is None or action not in ALLOWED[role] or success >= 400:
        assert Event.objects.filter(complaint_id=pk).count() == events_before
        complaint = Complaint.objects.get(pk=pk)
        assert complaint.handler == users.handler
        assert complaint.state == "received"


def test_allowed_actions_match_the_endpoints(api, users, cases):
    coordinator = api(users.coordinator).get(detail_url(cases["social"])).json()
    assert coordinator["allowed_actions"]["assign"] is True
    assert [(t["step"], t["target"]) for t in coordinator["allowed_actions"]["steps"]] == [
        ("acknowledge", "acknowledged"),
        ("decline", "closed"),
        ("withdraw", "closed"),
        ("forward_to_body", "closed"),
        ("close_forwarded", "closed"),
    ]
    assert coordinator["allowed_actions"]["extension"] is True
    assert coordinator["allowed_actions"]["delay"] is True
    assert coordinator["allowed_actions"]["contributions"] is False  # not a cooperation case
    assert coordinator["allowed_actions"]["reply"] is False
    handler = api(users.handler).get(detail_url(cases["social"])).json()
    assert handler["allowed_actions"]["assign"] is False
    assert handler["allowed_actions"]["note"] is True
    assert handler["allowed_actions"]["steps"] == coordinator["allowed_actions"]["steps"]
    other = api(users.other_handler).get(detail_url(cases["elsewhere"])).json()
    assert other["allowed_actions"]["note"] is False
    assert other["allowed_actions"]["steps"] == []
    assert other["allowed_actions"]["extension"] is False
    # Every step offered leads to an endpoint that takes it.
    for option in handler["allowed_actions"]["steps"]:
        assert option["url"].startswith("http://testserver/api/v1/complaints/")
