"""The administrator edits the letter texts in the admin: list, change form with the
variables, validation next to the field, a preview of the unsaved text (HTML and PDF),
and the next letter uses the saved text."""

import io
import re
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from vangnet.complaints.models import Postponement
from vangnet.letters.models import Letter, LetterTemplate
from vangnet.letters.services import send_letter

LIST = reverse("admin:letters_lettertemplate_changelist")


def change_url(kind: str) -> str:
    row = LetterTemplate.objects.get(kind=kind)
    return reverse("admin:letters_lettertemplate_change", args=[row.pk])


def form_data(kind: str, **changes) -> dict:
    row = LetterTemplate.objects.get(kind=kind)
    data = {"subject": row.subject, "opening": row.opening, "closing": row.closing}
    data.update(changes)
    return data


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def admin_client(client, users):
    client.force_login(users.administrator)
    response = client.get(LIST)  # the first visit creates the rows
    assert response.status_code == 200
    return client


def test_administrator_group_may_view_and_change_letter_texts(users):
    assert users.administrator.has_perm("letters.view_lettertemplate")
    assert users.administrator.has_perm("letters.change_lettertemplate")
    assert not users.handler.has_perm("letters.change_lettertemplate")


def test_list_has_every_kind_with_its_default_subject(admin_client):
    response = admin_client.get(LIST)
    text = page_text(response)
    assert LetterTemplate.objects.count() == len(Letter.Kind.values)
    for kind in Letter.Kind:
        assert str(kind.label) in text
    assert "Ons antwoord op uw klacht (kenmerk {{ kenmerk }})" in text
    assert "kunt u niet weglaten" in text


def test_change_form_lists_the_variables_and_the_fixed_blocks(admin_client):
    response = admin_client.get(change_url(Letter.Kind.EXTENSION))
    text = page_text(response)
    assert response.status_code == 200
    assert "{{ nieuwe_termijn }}" in text
    assert "Nieuwe uiterste datum voor ons antwoord" in text
    assert "{{ naam }}" in text
    assert "Die kunt u hier niet aanpassen of weglaten." in text
    assert "De oude en de nieuwe uiterste datum, en de reden (Awb 9:11)" in text
    assert 'name="_preview"' in text
    assert 'name="_preview_pdf"' in text


def test_saving_a_valid_text_changes_the_next_letter(
    admin_client, users, make_complaint, django_capture_on_commit_callbacks
):
    url = change_url(Letter.Kind.EXTENSION)
    response = admin_client.post(
        url,
        form_data(
            Letter.Kind.EXTENSION,
            subject="Uitstel voor uw klacht {{ kenmerk }}",
            opening="Beste {{ naam }}, wij hebben tot {{ nieuwe_termijn }} nodig.\n\n"
            "Onze excuses <3",
        ),
    )
    assert response.status_code == 302
    row = LetterTemplate.objects.get(kind=Letter.Kind.EXTENSION)
    assert row.updated_by == users.administrator
    assert row.opening.startswith("Beste {{ naam }}")

    complaint = make_complaint(received_on=date(2026, 11, 2))
    postponement = Postponement.objects.create(
        complaint=complaint,
        kind=Postponement.Kind.EXTENSION,
        previous_due=date(2026, 12, 14),
        new_due=date(2027, 1, 11),
        reason="Wij wachten op een dossier.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_letter(
            kind=Letter.Kind.EXTENSION, complaint=complaint, context={"postponement": postponement}
        )
    assert letter.subject == f"Uitstel voor uw klacht {complaint.reference}"
    assert (
        "<p>Beste Fatima de Vries, wij hebben tot maandag 11 januari 2027 nodig.</p>" in letter.html
    )
    assert "<p>Onze excuses &lt;3</p>" in letter.html
    # The fixed blocks are still there.
    assert "artikel 9:11" in letter.html
    assert "Wij wachten op een dossier." in letter.html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("opening", "{% load static %}Hallo", "{% load %} kunt u hier niet gebruiken"),
        ("closing", "Groet, {{ klant }}", "de variabele {{ klant }} bestaat niet in deze brief"),
        ("subject", "Klacht {{ kenmerk", "hier staat een {{, }}, {% of %} die niet klopt"),
        ("opening", "{% if naam %}Hallo", "ontbreekt het einde, {% endif %}"),
    ],
)
def test_bad_text_is_refused_next_to_the_field_and_nothing_saved(
    admin_client, field, value, message
):
    before = LetterTemplate.objects.get(kind=Letter.Kind.DECLINE)
    response = admin_client.post(
        change_url(Letter.Kind.DECLINE), form_data(Letter.Kind.DECLINE, **{field: value})
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert message in page_text(response).replace("&#x27;", "'").replace("&quot;", '"')
    # What the administrator typed is kept.
    assert response.context["adminform"].form[field].value() == value
    after = LetterTemplate.objects.get(kind=Letter.Kind.DECLINE)
    assert (after.subject, after.opening, after.closing, after.updated_at) == (
        before.subject,
        before.opening,
        before.closing,
        before.updated_at,
    )
    assert not LogEntry.objects.exists()


def test_preview_shows_the_unsaved_text_in_the_whole_letter(admin_client):
    before = LetterTemplate.objects.get(kind=Letter.Kind.CONCLUSION)
    data = form_data(
        Letter.Kind.CONCLUSION, opening="Proef-opening voor {{ naam }} over {{ kenmerk }}."
    )
    response = admin_client.post(change_url(Letter.Kind.CONCLUSION), {**data, "_preview": "1"})

    assert response.status_code == 200
    preview = response.context["preview_html"]
    assert "Proef-opening voor Sam de Vries over" in preview
    assert "Klachtonderdeel 1" in preview and "Voortvarendheid" in preview  # fixed blocks
    assert "Dat kan tot één jaar nadat u deze brief heeft gekregen." in preview
    assert "Sam de Vries<br>Dorpsstraat 12" in preview  # as by post
    assert "<iframe srcdoc=" in response.content.decode()
    assert "Proef-opening voor Sam de Vries" in response.content.decode()  # in the srcdoc
    # The form keeps the edit, and nothing is stored or logged.
    assert response.context["adminform"].form["opening"].value() == data["opening"]
    assert LetterTemplate.objects.get(kind=Letter.Kind.CONCLUSION).opening == before.opening
    assert not LogEntry.objects.exists()
    assert not Letter.objects.exists()


def test_preview_of_a_bad_text_shows_the_error_not_a_letter(admin_client):
    data = form_data(Letter.Kind.CONCLUSION, opening="{{ onbekend }}")
    response = admin_client.post(change_url(Letter.Kind.CONCLUSION), {**data, "_preview": "1"})
    assert response.status_code == 200
    assert response.context["preview_html"] == ""
    assert (
        "de variabele {{ onbekend }} bestaat niet"
        in response.context["adminform"].form.errors["opening"][0]
    )


def test_preview_as_pdf_of_the_unsaved_text(admin_client):
    data = form_data(Letter.Kind.HEARING_INVITATION, closing="Tot ziens, {{ gemeente }}.")
    response = admin_client.post(
        change_url(Letter.Kind.HEARING_INVITATION), {**data, "_preview_pdf": "1"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Tot ziens, Gemeente Testwijk." in re.sub(r"\s+", " ", text)
    assert not LogEntry.objects.exists()


def test_preview_links_of_the_saved_text(admin_client):
    row = LetterTemplate.objects.get(kind=Letter.Kind.DECLINE)
    html = admin_client.get(reverse("admin:letters_lettertemplate_preview", args=[row.pk]))
    assert html.status_code == 200
    assert "Wij nemen uw klacht niet in behandeling" in html.content.decode()
    assert "De gedraging is meer dan een jaar geleden" in html.content.decode()
    pdf = admin_client.get(reverse("admin:letters_lettertemplate_preview_pdf", args=[row.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")


def test_restore_defaults(admin_client):
    row = LetterTemplate.objects.get(kind=Letter.Kind.DECLINE)
    row.opening = "Iets anders."
    row.save()
    response = admin_client.post(
        LIST, {"action": "restore_defaults", "_selected_action": [row.pk]}, follow=True
    )
    assert "is teruggezet" in page_text(response)
    row.refresh_from_db()
    assert row.opening.startswith("Wij hebben uw klacht goed gelezen.")


def test_other_roles_cannot_edit_or_preview(client, users, admin_client):
    row = LetterTemplate.objects.get(kind=Letter.Kind.DECLINE)
    for user in (users.handler, users.coordinator, users.partner):
        client.force_login(user)
        assert client.get(LIST).status_code in (302, 403)
        url = reverse("admin:letters_lettertemplate_change", args=[row.pk])
        response = client.post(url, {**form_data(Letter.Kind.DECLINE), "_preview": "1"})
        assert response.status_code in (302, 403)
        preview = reverse("admin:letters_lettertemplate_preview_pdf", args=[row.pk])
        assert client.get(preview).status_code in (302, 403)
