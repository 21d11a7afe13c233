"""`python -m vangnet api_token <username>`."""

from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .conftest import COMPLAINTS_URL

pytestmark = pytest.mark.django_db


def api_token(*args) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue().strip()


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_prints_a_token_that_authenticates(users):
    key = api_token("handler")

    assert len(key) == 40
    assert client_with(key).get(COMPLAINTS_URL).status_code == 200
    assert Token.objects.get(user=users.handler).key == key


def test_the_second_call_prints_the_same_token(users):
    assert api_token("coordinator") == api_token("coordinator")
    assert Token.objects.filter(user=users.coordinator).count() == 1


def test_regenerate_replaces_the_token(users):
    old = api_token("coordinator")
    new = api_token("coordinator", "--regenerate")

    assert new != old
    assert client_with(old).get(COMPLAINTS_URL).status_code == 401
    assert client_with(new).get(COMPLAINTS_URL).status_code == 200


def test_unknown_user(users):
    with pytest.raises(CommandError, match="There is no user with username 'ghost'"):
        api_token("ghost")
    assert Token.objects.count() == 0


def test_inactive_user(users):
    users.handler.is_active = False
    users.handler.save()

    with pytest.raises(CommandError, match="'handler' is inactive"):
        api_token("handler")
    assert Token.objects.count() == 0


def test_command_line_exits_non_zero_with_the_message(users, capsys):
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["vangnet", "api_token", "ghost"])

    assert exit_info.value.code != 0
    assert "There is no user with username 'ghost'" in capsys.readouterr().err
