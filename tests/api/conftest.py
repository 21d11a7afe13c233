"""Fixtures for the API tests: an authenticated `APIClient` per user and a valid
registration body."""

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

COMPLAINTS_URL = "/api/v1/complaints/"


def detail_url(pk: int) -> str:
    return f"{COMPLAINTS_URL}{pk}/"


def action_url(pk: int, action: str) -> str:
    return f"{COMPLAINTS_URL}{pk}/{action}/"


@pytest.fixture
def api():
    """`api(user)` -> an APIClient authenticated as `user` (None: anonymous)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def registration(**overrides) -> dict:
    """A valid JSON body for POST /api/v1/complaints/ (needs the `org` fixture's data)."""
    body = {
        "received_on": (date.today() - timedelta(days=2)).isoformat(),
        "channel": "letter",
        "description": "De schuldhulpverlener kwam drie keer niet op de afspraak.",
        "theme": "schulden",
        "department": None,
        "complainant": {
            "name": "Fatima de Vries",
            "street": "Kerkstraat 1",
            "postcode": "1234 AB",
            "city": "Testwijk",
            "email": "fatima@example.invalid",
            "phone": "06-12345678",
            "preferred_contact": "email",
        },
    }
    body.update(overrides)
    return body


@pytest.fixture
def token_api(db):
    """`token_api(user)` -> an APIClient that authenticates with `user`'s API token, as
    an outside system does (`Authorization: Token <key>`)."""
    from rest_framework.authtoken.models import Token

    def make(user) -> APIClient:
        client = APIClient()
        key = Token.objects.get_or_create(user=user)[0].key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
