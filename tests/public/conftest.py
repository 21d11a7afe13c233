"""Fixtures for the resident site's tests (the Klachtenwijzer, the route and the
complaint form). None is autouse: the status page's tests in this folder have their own.

`public_org` is the shared `org` with what the public pages show: partners with themes
and channels, a municipality with contact details. `resident_side` records the calls
filing makes to the real status link and acknowledgement."""

import importlib
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vangnet.organisations.models import Partner, Theme
from vangnet.public import submissions

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(name="brief.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def public_org(org):
    municipality = org.municipality
    municipality.phone = "14 0999"
    municipality.address = "Postbus 1\n1234 AA Testwijk"
    municipality.report_url = "https://www.testwijk.invalid/melding"
    municipality.website = "https://www.testwijk.invalid/"
    municipality.save()

    org.partner.themes.set([org.debt])
    org.partner.complaint_phone = "0123-11 22 33"
    org.partner.complaint_address = "Postbus 77\n1234 AB Testwijk"
    org.partner.complaint_form_url = "https://www.schuldhulp.invalid/klacht"
    org.partner.complaint_procedure = "Bespreek uw klacht eerst met uw schuldhulpverlener."
    org.partner.complaint_term_weeks = 6
    org.partner.description = "Hulp bij schulden."
    org.partner.save()

    org.other_partner.themes.set([org.waste])
    org.other_partner.save()

    org.youth = Theme.objects.create(
        name="Jeugdzorg", slug="jeugdzorg", parent=org.social, synonyms="jeugdhulp, pleegzorg"
    )
    org.care_partner = Partner.objects.create(
        name="Thuiszorg De Linde",
        slug="thuiszorg-linde",
        public_tasks="Huishoudelijke hulp (Wmo).",
        complaint_email="klachten@linde.invalid",
        regime="wmo",
        confidential_advisor="Vertrouwenspersoon Wmo\nTelefoon 0123-45 67 89, vp@steun.invalid",
    )
    org.care_partner.themes.set([org.debt])
    org.inactive_partner = Partner.objects.create(
        name="Oud Bedrijf",
        slug="oud-bedrijf",
        public_tasks="Niets meer.",
        complaint_email="oud@oud.invalid",
        is_active=False,
    )
    return org


@pytest.fixture
def resident_side(monkeypatch, settings):
    """Filing end to end. `calls.links` holds (complaint, token) of every status link,
    `calls.acknowledgements` (complaint, status_url) of every acknowledgement."""
    calls = SimpleNamespace(links=[], acknowledgements=[])

    links = importlib.import_module("vangnet.complaints.statuslinks")
    real_issue = links.issue_status_link

    def issue_status_link(complaint, **kwargs):
        token = real_issue(complaint, **kwargs)
        calls.links.append((complaint, token))
        return token

    monkeypatch.setattr(links, "issue_status_link", issue_status_link)

    letters = importlib.import_module("vangnet.letters.services")
    real_send = letters.send_letter

    def send_letter(*, kind, complaint, context=None, **kwargs):
        if kind == "acknowledgement":
            calls.acknowledgements.append((complaint, (context or {}).get("status_url")))
        return real_send(kind=kind, complaint=complaint, context=context, **kwargs)

    monkeypatch.setattr(letters, "send_letter", send_letter)

    return calls


def form_data(org, **overrides) -> dict:
    """A complete, valid complaint about the municipality, as the browser posts it
    (without the one-time token: see `post_complaint`)."""
    data = {
        "subject": "gemeente",
        "description": "Ik heb drie keer gebeld en niemand belde terug.",
        "when": "vorige week",
        "desired_outcome": "Dat iemand mij terugbelt.",
        "name": "Fatima de Vries",
        "street": "Kerkstraat 1",
        "postcode": "1234 AB",
        "city": "Testwijk",
        "email": "fatima@example.invalid",
        "phone": "06 12345678",
        "privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_complaint(client):
    """`post_complaint(data, token=None, **extra)`: post the form with a fresh one-time
    token (or the given one)."""

    def post(data, token=None, **extra):
        payload = dict(data)
        payload["submission"] = token if token is not None else submissions.new_token()
        return client.post(reverse("public:complaint"), payload, **extra)

    return post
