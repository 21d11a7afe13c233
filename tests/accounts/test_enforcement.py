"""The middleware: with two-step verification required, a user who gave only the password
is sent to the code (or enrolment) from every page, the admin included; the API answers
403 to such a session and keeps working with a token."""

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from vangnet.complaints.events import Action

from .conftest import ENROL_URL, MY_WORK_URL, VERIFY_URL, code_for, password_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_2fa")]

API_URL = "/api/v1/complaints/"


@pytest.mark.parametrize(
    "url",
    [
        "/backoffice/",
        "/backoffice/klachten/",
        "/backoffice/rapportage/jaarverslag/",
        "/admin/",
        "/admin/organisations/theme/",
        "/account/tweestapsverificatie/",
    ],
)
def test_unverified_user_is_sent_to_the_code(client, users, url):
    password_login(client, users.coordinator)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY_URL}?next=")
    # Without an app yet, the code page sends on to enrolment, keeping the destination.
    assert client.get(response["Location"])["Location"].startswith(f"{ENROL_URL}?next=")


def test_the_original_page_is_kept_as_next(client, users, make_device, clock):
    device = make_device(users.coordinator)
    password_login(client, users.coordinator)

    response = client.get("/admin/organisations/theme/?q=afval")
    assert (
        response["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Forganisations%2Ftheme%2F%3Fq%3Dafval"
    )

    response = client.post(
        VERIFY_URL, {"code": code_for(device), "next": "/admin/organisations/theme/?q=afval"}
    )
    assert response["Location"] == "/admin/organisations/theme/?q=afval"
    assert client.get("/admin/organisations/theme/?q=afval").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_post_is_redirected_without_next(client, users, make_complaint, make_device, clock):
    complaint = make_complaint()
    device = make_device(users.coordinator)
    password_login(client, users.coordinator)
    note_url = f"/backoffice/klachten/{complaint.pk}/notitie/"

    response = client.post(note_url, {"text": "Gebeld met indiener."})

    assert response.status_code == 302
    assert response["Location"] == VERIFY_URL
    assert not complaint.events.filter(action=Action.NOTE_ADDED).exists()

    client.post(VERIFY_URL, {"code": code_for(device)})
    client.post(note_url, {"text": "Gebeld met indiener."})
    assert complaint.events.filter(action=Action.NOTE_ADDED).exists()


def test_the_way_out_and_the_language_switch_stay_open(client, users):
    password_login(client, users.coordinator)

    response = client.post("/i18n/setlang/", {"language": "en", "next": ENROL_URL})
    assert response.status_code == 302
    assert response["Location"] == ENROL_URL
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(ENROL_URL).status_code == 200

    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert client.get("/login/").status_code == 200
    assert client.get(MY_WORK_URL)["Location"].startswith("/login/")


def test_static_files_are_not_redirected(client, users, rf):
    from vangnet.accounts.middleware import SecondFactorMiddleware

    password_login(client, users.coordinator)
    request = rf.get(f"/{settings.STATIC_URL.lstrip('/')}vangnet/theme.css")
    request.resolver_match = type("Match", (), {"view_name": "static", "namespaces": []})()
    middleware = SecondFactorMiddleware(lambda request: None)

    assert middleware.process_view(request, None, (), {}) is None


def test_api_with_a_token_needs_no_code(users):
    token = Token.objects.create(user=users.handler)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert api.get(API_URL).status_code == 200


def test_api_with_an_unverified_session_is_refused(client, users):
    password_login(client, users.handler)

    response = client.get(API_URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "Log eerst in met de code uit uw authenticator-app."}


def test_api_with_a_bad_token_and_an_unverified_session_is_refused(client, users):
    """A wrong token does not fall back to the session: DRF refuses it."""
    password_login(client, users.handler)

    response = client.get(API_URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401


def test_api_with_a_verified_session_works(verified_client, users):
    client = verified_client(users.handler)

    assert client.get(API_URL).status_code == 200


def test_verified_user_uses_everything(verified_client, users):
    client = verified_client(users.coordinator)

    assert client.get(MY_WORK_URL).status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get(ENROL_URL).status_code == 302  # already set up


def test_anonymous_users_still_go_to_the_login(client, org):
    assert client.get(MY_WORK_URL)["Location"].startswith("/login/?next=")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get(API_URL).status_code in (401, 403)


def test_admin_login_page_is_followed_by_the_code(client, users, make_device, clock):
    """Logging in through the admin's own login page does not skip the code."""
    make_device(users.coordinator)
    from tests.conftest import PASSWORD

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "coordinator", "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2F"
