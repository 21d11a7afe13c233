"""The action endpoints: each calls its service; bad input gives 400 on the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Event, Forward
from vangnet.complaints.workflow import Step
from vangnet.handling.guard import perform

from .conftest import COMPLAINTS_URL, action_url, detail_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(make_complaint, users):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


def post(client, pk, action, payload, fmt="json"):
    return client.post(action_url(pk, action), payload, format=fmt)


def events(complaint, action) -> int:
    return Event.objects.filter(complaint=complaint, action=action).count()


# --- assign ---------------------------------------------------------------------------


def test_assign(api, users, complaint):
    response = post(api(users.coordinator), complaint.pk, "assign", {"handler": "otherhandler"})

    assert response.status_code == 200
    assert response.json()["handler"]["username"] == "otherhandler"
    complaint.refresh_from_db()
    assert complaint.handler == users.other_handler
    assert response.json()["timeline"][-1]["action"] == Action.ASSIGNED


def test_assigning_the_person_complained_about_is_refused(api, users, make_complaint):
    """Awb 9:7: the handler was not involved in the conduct complained about."""
    complaint = make_complaint(person_complained_about_user=users.handler)

    response = post(api(users.coordinator), complaint.pk, "assign", {"handler": "handler"})

    assert response.status_code == 400
    assert list(response.json()) == ["handler"]
    assert "Awb 9:7" in response.json()["handler"][0]
    complaint.refresh_from_db()
    assert complaint.handler is None
    assert events(complaint, Action.ASSIGNED) == 0


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"handler": "ghost"}, "Onbekende medewerker: ghost."),
        ({"handler": "partneruser"}, "Kies een actieve klachtbehandelaar."),
        ({"handler": "viewer"}, "Kies een actieve klachtbehandelaar."),
        ({}, None),
        ({"handler": None}, None),
    ],
)
def test_assign_bad_handler(api, users, complaint, payload, message):
    response = post(api(users.coordinator), complaint.pk, "assign", payload)

    assert response.status_code == 400
    assert list(response.json()) == ["handler"]
    if message:
        assert response.json()["handler"] == [message]
    complaint.refresh_from_db()
    assert complaint.handler == users.handler


# --- a closed complaint -----------------------------------------------------------------


def test_a_closed_complaint_cannot_be_assigned_or_forwarded(api, users, complaint):
    perform(
        Step.WITHDRAW, actor=users.coordinator, complaint=complaint, data={"note": "Ingetrokken."}
    )
    client = api(users.coordinator)

    # Like every action the closed complaint does not allow: 409 (was 400 on `handler`).
    response = post(client, complaint.pk, "assign", {"handler": "otherhandler"})
    assert response.status_code == 409
    assert response.json() == {"detail": "Een afgesloten klacht krijgt geen behandelaar meer."}

    # The same message as the page and the service give (the API had its own).
    response = post(client, complaint.pk, "forward", {"partner": "schuldhulp-samen"})
    assert response.status_code == 409
    assert response.json() == {"detail": "Een afgesloten klacht kan niet worden doorgestuurd."}
    assert not Forward.objects.filter(complaint=complaint).exists()


# --- notes ----------------------------------------------------------------------------


def test_add_note(api, users, complaint):
    response = post(api(users.handler), complaint.pk, "notes", {"text": "  Klager gebeld.  "})

    assert response.status_code == 201
    last = response.json()["timeline"][-1]
    assert last["action"] == Action.NOTE_ADDED
    assert last["summary"] == "Klager gebeld."
    assert last["actor"]["username"] == "handler"


@pytest.mark.parametrize("payload", [{"text": ""}, {"text": "   "}, {}, {"text": "x" * 10_001}])
def test_note_bad_input(api, users, complaint, payload):
    response = post(api(users.handler), complaint.pk, "notes", payload)

    assert response.status_code == 400
    assert list(response.json()) == ["text"]
    assert events(complaint, Action.NOTE_ADDED) == 0


# --- theme ----------------------------------------------------------------------------


def test_change_theme_by_slug_and_by_id(api, org, users, complaint):
    response = post(api(users.handler), complaint.pk, "theme", {"theme": "afval"})
    assert response.status_code == 200
    assert response.json()["theme"]["slug"] == "afval"

    response = post(api(users.handler), complaint.pk, "theme", {"theme": org.debt.pk})
    assert response.status_code == 200
    assert response.json()["theme"]["slug"] == "schulden"
    assert events(complaint, Action.THEME_CHANGED) == 2


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"theme": "xyz"}, "Onbekend thema: xyz."),
        ({"theme": "oud"}, "Dit thema wordt niet meer gebruikt; kies een ander."),
        ({"theme": ""}, None),
        ({"theme": None}, None),
        ({}, None),
    ],
)
def test_change_theme_bad_input(api, org, users, complaint, payload, message):
    response = post(api(users.handler), complaint.pk, "theme", payload)

    assert response.status_code == 400
    assert list(response.json()) == ["theme"]
    if message:
        assert response.json()["theme"] == [message]
    complaint.refresh_from_db()
    assert complaint.theme == org.debt


# --- forward --------------------------------------------------------------------------


def test_forward_makes_the_complaint_visible_to_the_partner(api, org, users, complaint):
    assert api(users.partner).get(detail_url(complaint.pk)).status_code == 404

    response = post(
        api(users.handler), complaint.pk, "forward", {"partner": "schuldhulp-samen", "note": "Zie"}
    )

    assert response.status_code == 201
    assert [f["partner"]["slug"] for f in response.json()["forwards"]] == ["schuldhulp-samen"]
    assert response.json()["forwards"][0]["note"] == "Zie"
    assert api(users.partner).get(detail_url(complaint.pk)).status_code == 200
    listed = api(users.partner).get(COMPLAINTS_URL).json()["results"]
    assert [row["id"] for row in listed] == [complaint.pk]


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        ("nope", "Onbekende samenwerkingspartner: nope."),
        ("schuldhulp-samen", "Deze klacht is al naar Schuldhulp Samen gestuurd."),
        ("inactive", "Kies een actieve samenwerkingspartner."),
    ],
)
def test_forward_bad_input(api, org, users, complaint, partner, message):
    perform("forward", actor=users.coordinator, complaint=complaint, data={"partner": org.partner})
    org.other_partner.slug = "inactive"
    org.other_partner.is_active = False
    org.other_partner.save()

    response = post(api(users.coordinator), complaint.pk, "forward", {"partner": partner})

    assert response.status_code == 400
    assert response.json() == {"partner": [message]}
    assert Forward.objects.filter(complaint=complaint).count() == 1


# --- attachments ----------------------------------------------------------------------


def test_add_attachments(api, users, complaint):
    pdf = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20)

    response = post(
        api(users.handler), complaint.pk, "attachments", {"files": [pdf, png]}, "multipart"
    )

    assert response.status_code == 201, response.json()
    attachments = response.json()["attachments"]
    assert [(a["name"], a["content_type"]) for a in attachments] == [
        ("brief.pdf", "application/pdf"),
        ("foto.png", "image/png"),
    ]
    assert attachments[0]["size"] == len(b"%PDF-1.4\n% test\n")
    assert "url" not in attachments[0] and "file" not in attachments[0]


def test_attachments_are_checked_by_content(api, users, complaint):
    fake = SimpleUploadedFile("brief.pdf", b"MZ not a pdf at all", content_type="application/pdf")

    response = post(api(users.handler), complaint.pk, "attachments", {"files": [fake]}, "multipart")

    assert response.status_code == 400
    assert list(response.json()) == ["files"]
    assert complaint.attachments.count() == 0


def test_attachments_need_multipart(api, users, complaint):
    response = post(api(users.handler), complaint.pk, "attachments", {"files": []})

    assert response.status_code == 415


# --- not found ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        "assign",
        "notes",
        "theme",
        "forward",
        "acknowledge",
        "hearing/offer",
        "extension",
        "delay",
        "contributions",
        "joint-discussions",
        "forwards/schuldhulp-samen/reply",
    ],
)
def test_actions_on_a_missing_complaint(api, users, action):
    assert post(api(users.coordinator), 999999, action, {}).status_code == 404


def test_detail_of_a_missing_complaint(api, users):
    client = api(users.coordinator)
    assert client.get(detail_url(999999)).status_code == 404
    assert client.get(f"{COMPLAINTS_URL}abc/").status_code == 404
    assert client.get(f"{COMPLAINTS_URL}{'9' * 30}/").status_code == 404


def test_methods_that_do_not_exist(api, users, complaint):
    client = api(users.coordinator)
    assert client.delete(detail_url(complaint.pk)).status_code == 405
    # PATCH corrects the registration (tests/api/test_correct.py); PUT does not exist.
    assert client.put(detail_url(complaint.pk), {}, format="json").status_code == 405
    assert client.get(action_url(complaint.pk, "assign")).status_code == 405
    assert Complaint.objects.filter(pk=complaint.pk).exists()
