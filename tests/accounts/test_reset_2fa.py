"""`python -m vangnet reset_2fa <username>`: remove a user's authenticator apps."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import ENROL_URL, MY_WORK_URL, VERIFY_URL

pytestmark = pytest.mark.django_db


def reset_2fa(*args) -> str:
    out = StringIO()
    call_command("reset_2fa", *args, stdout=out)
    return out.getvalue().strip()


def test_removes_the_users_devices(users, make_device):
    make_device(users.handler)
    make_device(users.handler, confirmed=False)
    make_device(users.coordinator)

    output = reset_2fa("handler")

    assert output.startswith("Removed 2 TOTP device(s) of 'handler'.")
    assert not TOTPDevice.objects.filter(user=users.handler).exists()
    assert TOTPDevice.objects.filter(user=users.coordinator).count() == 1


def test_user_without_devices(users):
    assert reset_2fa("handler") == "User 'handler' has no TOTP devices; nothing removed."


def test_unknown_user(users):
    with pytest.raises(CommandError, match="There is no user with username 'ghost'"):
        reset_2fa("ghost")


@pytest.mark.usefixtures("require_2fa")
def test_after_a_reset_the_user_sets_up_a_new_app(verified_client, users):
    client = verified_client(users.handler)
    assert client.get(MY_WORK_URL).status_code == 200

    reset_2fa("handler")

    response = client.get(MY_WORK_URL)
    assert response["Location"].startswith(VERIFY_URL)
    assert client.get(response["Location"])["Location"].startswith(ENROL_URL)


def test_after_a_reset_when_not_required_the_password_is_enough(verified_client, users):
    client = verified_client(users.handler)

    reset_2fa("handler")

    response = client.get(MY_WORK_URL, follow=True)
    assert response.redirect_chain[-1][0] == MY_WORK_URL
    assert response.status_code == 200
