"""Shared fixtures: a small fictional municipality with one user per role.

`org` holds the organisation; `users` one user per role (plus a second handler in
another department); `make_complaint(**overrides)` registers a complaint through the
service, as a coordinator, with sensible defaults."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from vangnet.complaints import services
from vangnet.complaints.models import Channel, Kind, SubjectType
from vangnet.core.models import User
from vangnet.core.roles import Role
from vangnet.organisations.models import (
    Body,
    Department,
    InhabitantCount,
    Municipality,
    Ombudsman,
    Partner,
    SecondLineArrangement,
    Theme,
)

PASSWORD = "test-password-123"


@pytest.fixture
def org(db):
    # No letter waits for sign-off here (on by default for the conclusion and the 9:8
    # letter): the tests of sign-off switch it on (tests/handling/test_signoff.py, the
    # walk, the API's approvals).
    municipality = Municipality.objects.create(
        name="Gemeente Testwijk", email="klachten@testwijk.invalid", signoff_kinds=[]
    )
    InhabitantCount.objects.create(municipality=municipality, year=2026, inhabitants=100_000)
    college = Body.objects.create(
        name="College van B en W", kind=Body.Kind.COLLEGE, is_default=True
    )
    mayor = Body.objects.create(name="Burgemeester", kind=Body.Kind.MAYOR)
    ombudsman = Ombudsman.objects.create(
        name="Nationale ombudsman",
        kind=Ombudsman.Kind.NATIONAL,
        address="Postbus 93122, 2509 AC Den Haag",
        phone="0800-3351",
    )
    SecondLineArrangement.objects.create(
        body=college, ombudsman=ombudsman, effective_from=date(2000, 1, 1)
    )
    social = Theme.objects.create(name="Sociaal domein", slug="sociaal-domein")
    debt = Theme.objects.create(
        name="Schuldhulpverlening", slug="schulden", parent=social, synonyms="schulden, geldzorgen"
    )
    public_space = Theme.objects.create(name="Openbare ruimte", slug="openbare-ruimte")
    waste = Theme.objects.create(
        name="Afval", slug="afval", parent=public_space, synonyms="vuilnis, container"
    )
    inactive = Theme.objects.create(
        name="Oud thema", slug="oud", parent=public_space, is_active=False
    )
    dept_social = Department.objects.create(name="Werk en Inkomen")
    dept_space = Department.objects.create(name="Beheer Openbare Ruimte")
    partner = Partner.objects.create(
        name="Schuldhulp Samen",
        slug="schuldhulp-samen",
        public_tasks="Schuldhulpverlening",
        complaint_email="klachten@schuldhulp.invalid",
    )
    other_partner = Partner.objects.create(
        name="Afvalbedrijf Regio",
        slug="afvalbedrijf",
        public_tasks="Afval ophalen",
        complaint_phone="010-1234567",
    )
    return SimpleNamespace(
        municipality=municipality,
        college=college,
        mayor=mayor,
        ombudsman=ombudsman,
        social=social,
        debt=debt,
        public_space=public_space,
        waste=waste,
        inactive_theme=inactive,
        dept_social=dept_social,
        dept_space=dept_space,
        partner=partner,
        other_partner=other_partner,
    )


def make_user(username: str, role: Role | None, **fields) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), **fields
    )
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@pytest.fixture
def users(org):
    return SimpleNamespace(
        coordinator=make_user("coordinator", Role.COORDINATOR, is_staff=True),
        handler=make_user("handler", Role.HANDLER, department=org.dept_social),
        other_handler=make_user("otherhandler", Role.HANDLER, department=org.dept_space),
        partner=make_user("partneruser", Role.PARTNER, partner=org.partner),
        other_partner=make_user("otherpartner", Role.PARTNER, partner=org.other_partner),
        viewer=make_user("viewer", Role.VIEWER),
        administrator=make_user("administrator", Role.ADMINISTRATOR, is_staff=True),
        nobody=make_user("nobody", None),
    )


def complaint_data(org, **overrides) -> dict:
    data = {
        "kind": Kind.COMPLAINT,
        "received_on": date.today() - timedelta(days=3),
        "channel": Channel.PHONE,
        "body": org.college,
        "theme": org.debt,
        "subject_type": SubjectType.MUNICIPALITY,
        "department": org.dept_social,
        "complainant_name": "Fatima de Vries",
        "complainant_street": "Kerkstraat 1",
        "complainant_postcode": "1234 AB",
        "complainant_city": "Testwijk",
        "complainant_email": "fatima@example.invalid",
        "complainant_phone": "06-12345678",
        "description": "Mijn aanvraag voor schuldhulp is drie keer kwijtgeraakt.",
        "desired_outcome": "Excuses en een afspraak.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_complaint(org, users):
    def make(actor=None, involved_partners=(), files=(), **overrides):
        return services.register_complaint(
            actor=actor or users.coordinator,
            data=complaint_data(org, **overrides),
            involved_partners=involved_partners,
            files=files,
        )

    return make
