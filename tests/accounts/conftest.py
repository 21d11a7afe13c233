"""Helpers for the two-step verification tests: codes computed like an authenticator app
would, a frozen clock to step through django-otp's throttling, and log-in shortcuts."""

from datetime import UTC, datetime

import pytest
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

LOGIN_URL = "/login/"
VERIFY_URL = "/account/verificatiecode/"
ENROL_URL = "/account/tweestapsverificatie/instellen/"
OVERVIEW_URL = "/account/tweestapsverificatie/"
MY_WORK_URL = "/backoffice/"


def _totp(device: TOTPDevice) -> TOTP:
    device.refresh_from_db()
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now."""
    totp = _totp(device)
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A code of the right shape that the device refuses now (not the code of the current
    time step nor of the steps around it, which the device tolerates)."""
    now = _totp(device).t()
    tolerated = range(now - device.tolerance, now + device.tolerance + 1)
    accepted = {hotp(device.bin_key, step, digits=device.digits) for step in tolerated}
    candidate = 123456
    while candidate in accepted:
        candidate += 1
    return f"{candidate:06d}"


@pytest.fixture
def clock(time_machine):
    """A stopped clock at the current time; `clock.shift(seconds)` moves it on."""
    time_machine.move_to(datetime.now(UTC), tick=False)
    return time_machine


@pytest.fixture
def require_2fa(settings):
    settings.VANGNET = {**settings.VANGNET, "REQUIRE_2FA": True}


@pytest.fixture
def make_device():
    def make(user, confirmed=True) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=confirmed)

    return make


def password_login(client, user, next_url: str | None = None):
    data = {"username": user.username, "password": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


@pytest.fixture
def verified_client(client, make_device, clock):
    """`verified_client(user)`: the test client, logged in with password and code."""

    def login(user):
        device = make_device(user)
        password_login(client, user)
        response = client.post(VERIFY_URL, {"code": code_for(device), "next": MY_WORK_URL})
        assert response.status_code == 302, response.content.decode()
        return client

    return login
