"""Staff login with a second factor: password, then a code from an authenticator app, or
setting one up first when two-step verification is required."""

import re
from urllib.parse import quote

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts import second_factor

from .conftest import (
    ENROL_URL,
    MY_WORK_URL,
    OVERVIEW_URL,
    VERIFY_URL,
    code_for,
    password_login,
    wrong_code_for,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def next_query(url: str) -> str:
    return f"?next={quote(url, safe='')}"


# --- Not required ----------------------------------------------------------------------


def test_not_required_and_no_app_logs_straight_in(client, users):
    response = password_login(client, users.handler)

    assert response.status_code == 302
    assert response["Location"] == MY_WORK_URL
    assert client.get(MY_WORK_URL).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_not_required_but_app_set_up_asks_for_the_code(client, users, make_device, clock):
    device = make_device(users.handler)

    response = password_login(client, users.handler)

    assert response["Location"] == VERIFY_URL + next_query(MY_WORK_URL)
    assert client.get(MY_WORK_URL)["Location"].startswith(VERIFY_URL)
    response = client.post(VERIFY_URL, {"code": code_for(device), "next": MY_WORK_URL})
    assert response["Location"] == MY_WORK_URL
    assert client.get(MY_WORK_URL).status_code == 200


def test_voluntary_enrolment_from_the_header(client, users, org, clock):
    password_login(client, users.handler)
    my_work = html(client.get(MY_WORK_URL))
    assert f'href="{OVERVIEW_URL}"' in my_work
    assert ">Tweestapsverificatie</a>" in my_work

    overview = html(client.get(OVERVIEW_URL))
    assert "Tweestapsverificatie staat uit" in overview
    assert f'href="{ENROL_URL}?next={OVERVIEW_URL}"' in overview

    page = client.get(ENROL_URL, {"next": OVERVIEW_URL})
    assert page.status_code == 200
    assert "Om in Vangnet te werken heeft u" not in html(page)  # it is not required here
    device = TOTPDevice.objects.get(user=users.handler, confirmed=False)
    response = client.post(ENROL_URL, {"code": code_for(device), "next": OVERVIEW_URL})

    assert response["Location"] == OVERVIEW_URL
    device.refresh_from_db()
    assert device.confirmed
    overview = html(client.get(OVERVIEW_URL))
    assert "Tweestapsverificatie staat aan" in overview
    assert "Tweestapsverificatie staat aan. Vanaf nu vult u" in overview  # the message


def test_overview_needs_a_login(client, org):
    response = client.get(OVERVIEW_URL)
    assert response["Location"].startswith("/login/?next=")


# --- Required, no app yet: enrolment -----------------------------------------------------


@pytest.mark.usefixtures("require_2fa")
def test_required_without_app_goes_to_enrolment(client, users, org):
    response = password_login(client, users.handler)
    assert response["Location"] == ENROL_URL + next_query(MY_WORK_URL)

    page = client.get(response["Location"])
    assert page.status_code == 200
    content = html(page)
    device = TOTPDevice.objects.get(user=users.handler)
    assert not device.confirmed
    # The QR code, inline and named for a screen reader, and the key to type over.
    svg = re.search(r"<svg[^>]*>.*?</svg>", content, re.S)
    assert svg, "no inline SVG"
    assert 'role="img"' in svg.group(0)
    assert 'aria-labelledby="qr-code-title"' in svg.group(0)
    assert '<title id="qr-code-title">QR-code om Vangnet toe te voegen' in svg.group(0)
    assert "<path" in svg.group(0)
    secret = second_factor.secret_groups(device)
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret)
    assert f'<code class="utrecht-code" id="totp-secret">{secret}</code>' in content
    assert "Vangnet Gemeente Testwijk (handler)" in content
    assert "authenticator-app" in content
    assert 'autocomplete="one-time-code"' in content
    assert 'inputmode="numeric"' in content
    assert f'name="next" value="{MY_WORK_URL}"' in content
    # Nowhere else to go until the app is set up.
    assert client.get(MY_WORK_URL)["Location"] == VERIFY_URL + next_query(MY_WORK_URL)
    assert client.get(VERIFY_URL)["Location"] == ENROL_URL + next_query(MY_WORK_URL)


@pytest.mark.usefixtures("require_2fa")
def test_enrolment_reuses_the_device_on_reload(client, users, org):
    password_login(client, users.handler)
    first = html(client.get(ENROL_URL))
    second = html(client.get(ENROL_URL))

    device = TOTPDevice.objects.get(user=users.handler)
    assert second_factor.secret_groups(device) in first
    assert second_factor.secret_groups(device) in second


@pytest.mark.usefixtures("require_2fa")
def test_enrolment_with_a_valid_code_confirms_the_app_and_lets_in(client, users, org, clock):
    password_login(client, users.handler, next_url="/backoffice/klachten/")
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=users.handler)

    response = client.post(ENROL_URL, {"code": code_for(device), "next": "/backoffice/klachten/"})

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/klachten/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(MY_WORK_URL).status_code == 200
    assert "Tweestapsverificatie staat aan" in html(client.get(OVERVIEW_URL))


@pytest.mark.usefixtures("require_2fa")
def test_enrolment_with_a_wrong_code_is_refused(client, users, org, clock):
    password_login(client, users.handler)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=users.handler)
    wrong = wrong_code_for(device)

    response = client.post(ENROL_URL, {"code": wrong, "next": MY_WORK_URL})

    assert response.status_code == 200
    content = html(response)
    assert "Deze code is niet goed." in content
    assert "<title>Fout: Tweestapsverificatie instellen" in content
    assert 'aria-invalid="true"' in content
    assert 'href="#id_code"' in content  # the error summary links to the field
    assert wrong not in content  # a code is not shown again
    assert second_factor.secret_groups(device) in content  # same QR code and key
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1
    assert client.get(MY_WORK_URL).status_code == 302


@pytest.mark.usefixtures("require_2fa")
def test_enrolment_refuses_a_code_of_the_wrong_shape(client, users, org):
    password_login(client, users.handler)
    client.get(ENROL_URL)

    for code, message in [
        ("", "Vul de code van 6 cijfers uit de app in."),
        ("12a456", "Een code bestaat uit 6 cijfers."),
        ("12345", "Een code bestaat uit 6 cijfers."),
    ]:
        response = client.post(ENROL_URL, {"code": code})
        assert message in html(response), code
    device = TOTPDevice.objects.get(user=users.handler)
    assert device.throttling_failure_count == 0  # only real attempts count


@pytest.mark.usefixtures("require_2fa")
def test_code_with_spaces_is_accepted(client, users, org, clock):
    password_login(client, users.handler)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=users.handler)
    code = code_for(device)

    response = client.post(ENROL_URL, {"code": f" {code[:3]} {code[3:]} "})

    assert response["Location"] == MY_WORK_URL


def test_enrolment_cannot_replace_a_confirmed_app(client, users, make_device):
    """With only the password nobody can link a second phone: the code comes first."""
    make_device(users.handler)
    password_login(client, users.handler)

    response = client.get(ENROL_URL)

    assert response["Location"] == VERIFY_URL + next_query(MY_WORK_URL)
    assert TOTPDevice.objects.filter(user=users.handler).count() == 1


def test_enrolment_when_already_verified_goes_to_the_overview(verified_client, users):
    client = verified_client(users.handler)

    response = client.get(ENROL_URL, follow=True)

    assert response.redirect_chain[-1][0] == OVERVIEW_URL
    assert "Tweestapsverificatie staat al aan" in html(response)


# --- Required (or not), app set up: the code --------------------------------------------


@pytest.mark.usefixtures("require_2fa")
def test_required_with_app_asks_for_the_code(client, users, make_device):
    make_device(users.handler)

    response = password_login(client, users.handler)

    assert response["Location"] == VERIFY_URL + next_query(MY_WORK_URL)
    content = html(client.get(response["Location"]))
    assert '<h1 class="utrecht-heading-1">Verificatiecode</h1>' in content
    assert 'autocomplete="one-time-code"' in content
    assert "<svg" not in content


@pytest.mark.usefixtures("require_2fa")
def test_wrong_code_is_refused_and_the_right_code_lets_in(client, users, make_device, clock):
    device = make_device(users.handler)
    password_login(client, users.handler, next_url="/backoffice/klachten/")
    wrong = wrong_code_for(device)

    response = client.post(VERIFY_URL, {"code": wrong, "next": "/backoffice/klachten/"})

    assert response.status_code == 200
    content = html(response)
    assert "Deze code is niet goed." in content
    assert 'id="id_code_error"' in content
    assert wrong not in content
    assert 'name="next" value="/backoffice/klachten/"' in content
    assert client.get(MY_WORK_URL).status_code == 302

    clock.shift(30)
    response = client.post(VERIFY_URL, {"code": code_for(device), "next": "/backoffice/klachten/"})

    assert response["Location"] == "/backoffice/klachten/"
    assert client.get(MY_WORK_URL).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert device.last_used_at is not None


@pytest.mark.usefixtures("require_2fa")
def test_a_code_cannot_be_used_twice(client, users, make_device, clock):
    device = make_device(users.handler)
    password_login(client, users.handler)
    code = code_for(device)
    assert client.post(VERIFY_URL, {"code": code})["Location"] == MY_WORK_URL
    client.post("/logout/")

    password_login(client, users.handler)
    response = client.post(VERIFY_URL, {"code": code})

    assert "Deze code is niet goed." in html(response)


@pytest.mark.usefixtures("require_2fa")
def test_throttling_after_several_wrong_codes(client, users, make_device, clock):
    device = make_device(users.handler)
    password_login(client, users.handler)

    # django-otp waits 1, 2, 4 ... seconds after each wrong code.
    for wait in (0, 1, 2):
        clock.shift(wait)
        response = client.post(VERIFY_URL, {"code": wrong_code_for(device)})
        assert "Deze code is niet goed." in html(response)
    device.refresh_from_db()
    assert device.throttling_failure_count == 3

    # Even the right code is refused while waiting, without counting as another failure.
    clock.shift(1)
    response = client.post(VERIFY_URL, {"code": code_for(device)})
    content = html(response)
    assert response.status_code == 200
    assert (
        "U heeft te vaak een verkeerde code ingevuld. Wacht 3 seconden en probeer het dan "
        "opnieuw." in content
    )
    device.refresh_from_db()
    assert device.throttling_failure_count == 3
    assert client.get(MY_WORK_URL).status_code == 302

    clock.shift(3)
    response = client.post(VERIFY_URL, {"code": code_for(device)})
    assert response["Location"] == MY_WORK_URL
    assert client.get(MY_WORK_URL).status_code == 200


def test_throttle_message_in_minutes(clock):
    from datetime import timedelta

    from django.utils import timezone

    message = second_factor.throttle_message(
        {"locked_until": timezone.now() + timedelta(seconds=61)}
    )
    assert "Wacht 2 minuten en probeer het dan opnieuw." in message
    assert "Wacht even" in second_factor.throttle_message(None)


@pytest.mark.usefixtures("require_2fa")
def test_unsafe_next_is_ignored(client, users, make_device, clock):
    device = make_device(users.handler)
    password_login(client, users.handler)

    response = client.post(VERIFY_URL, {"code": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == MY_WORK_URL


@pytest.mark.usefixtures("require_2fa")
def test_login_page_sends_a_logged_in_but_unverified_user_on(client, users, make_device):
    make_device(users.handler)
    password_login(client, users.handler)

    response = client.get("/login/")

    assert response["Location"] == VERIFY_URL + next_query(MY_WORK_URL)


def test_verify_page_without_login_goes_to_login(client, org):
    assert client.get(VERIFY_URL)["Location"].startswith("/login/?next=")
    assert client.get(ENROL_URL)["Location"].startswith("/login/?next=")
