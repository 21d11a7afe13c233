"""`load_demo` and `print_demo_logins` on a database without the demo."""

from io import StringIO

import pytest
from django.core.management import call_command

from vangnet.complaints.models import Complaint
from vangnet.core.models import User
from vangnet.organisations.models import Municipality


def test_a_real_municipality_is_left_alone(db):
    Municipality.objects.create(name="Gemeente Echtdorp")
    out = StringIO()
    call_command("load_demo", complaints=5, stdout=out)
    assert "al een gemeente" in out.getvalue()
    assert Municipality.objects.count() == 1
    assert not User.objects.exists() and not Complaint.objects.exists()


def test_password_from_the_environment(db, client, monkeypatch):
    monkeypatch.setenv("VANGNET_DEMO_PASSWORD", "een-ander-wachtwoord")
    out = StringIO()
    call_command("load_demo", complaints=0, stdout=out)
    assert "een-ander-wachtwoord" in out.getvalue()
    assert client.login(username="handler", password="een-ander-wachtwoord")
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_print_demo_logins_without_demo():
    out = StringIO()
    call_command("print_demo_logins", stdout=out)
    assert "geen demogebruikers" in out.getvalue()
