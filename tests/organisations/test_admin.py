"""Configuration in the Django admin: validation with a message per field, nothing
stored on error, and the register shown read-only and scoped by the same rules."""

from datetime import date

import pytest
from django.urls import reverse

from vangnet.core.models import DecreeDay
from vangnet.organisations.models import Body, Partner, SecondLineArrangement, Theme


@pytest.fixture
def admin_client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def errors_of(response) -> dict:
    form = response.context["adminform"].form
    return {field: list(messages) for field, messages in form.errors.items()}


def test_administrator_reaches_configuration(admin_client_for, users):
    client = admin_client_for(users.administrator)
    for name in ("theme", "partner", "body", "department", "ombudsman", "municipality"):
        assert client.get(reverse(f"admin:organisations_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:core_decreeday_add")).status_code == 200
    assert client.get(reverse("admin:core_user_changelist")).status_code == 200


def test_theme_has_two_levels(admin_client_for, users, org):
    client = admin_client_for(users.administrator)
    response = client.post(
        reverse("admin:organisations_theme_add"),
        {"name": "Derde niveau", "slug": "derde", "parent": org.debt.pk, "is_active": "on"},
    )
    assert response.status_code == 200
    # The parent choice only offers main themes, so the sub-theme is not a valid choice.
    assert "parent" in errors_of(response)
    assert not Theme.objects.filter(slug="derde").exists()


def test_theme_model_refuses_a_third_level(org):
    from django.core.exceptions import ValidationError

    theme = Theme(name="Derde", slug="derde", parent=org.debt)
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "twee niveaus" in error.value.message_dict["parent"][0]


def test_partner_needs_a_complaint_channel_and_advisor(admin_client_for, users):
    client = admin_client_for(users.administrator)
    data = {
        "name": "Wmo Thuiszorg",
        "slug": "wmo-thuiszorg",
        "public_tasks": "Huishoudelijke hulp",
        "regime": "wmo",
        "reply_term_working_days": 10,
        "is_active": "on",
    }
    response = client.post(reverse("admin:organisations_partner_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "minstens één manier" in " ".join(form.non_field_errors())
    data["complaint_phone"] = "010-7654321"
    response = client.post(reverse("admin:organisations_partner_add"), data)
    assert "confidential_advisor" in errors_of(response)
    assert not Partner.objects.filter(slug="wmo-thuiszorg").exists()
    data["confidential_advisor"] = "Vertrouwenspersoon Wmo, 0800-1234"
    response = client.post(reverse("admin:organisations_partner_add"), data)
    assert response.status_code == 302
    assert Partner.objects.filter(slug="wmo-thuiszorg").exists()


def test_decree_day_validation(admin_client_for, users):
    client = admin_client_for(users.administrator)
    url = reverse("admin:core_decreeday_add")
    saturday = client.post(url, {"date": "2026-05-16", "description": "Zaterdag"})
    assert "zaterdag of zondag" in errors_of(saturday)["date"][0]
    holiday = client.post(url, {"date": "2026-05-05", "description": "Bevrijdingsdag"})
    assert "feestdag" in errors_of(holiday)["date"][0]
    garbage = client.post(url, {"date": "15-15-2026", "description": "Onzin"})
    assert "date" in errors_of(garbage)
    assert DecreeDay.objects.count() == 0
    ok = client.post(url, {"date": "2026-05-15", "description": "Vrijdag na Hemelvaart"})
    assert ok.status_code == 302
    assert DecreeDay.objects.get().date == date(2026, 5, 15)


def test_colour_validation(admin_client_for, users, org):
    client = admin_client_for(users.administrator)
    url = reverse("admin:organisations_municipality_change", args=[org.municipality.pk])
    response = client.post(
        url,
        {
            "name": "Gemeente Testwijk",
            "primary_colour": "blauw",
            "accent_colour": "#f2a900",
            "acknowledge_working_days": 5,
            "first_contact_working_days": 3,
            "due_soon_working_days": 0,
            "inhabitant_counts-TOTAL_FORMS": 0,
            "inhabitant_counts-INITIAL_FORMS": 0,
        },
    )
    errors = errors_of(response)
    assert "primary_colour" in errors and "due_soon_working_days" in errors


def test_second_line_history_per_body(org):
    from vangnet.organisations.models import Ombudsman

    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman Regio", kind=Ombudsman.Kind.JOINT, address="Postbus 1"
    )
    SecondLineArrangement.objects.create(
        body=org.college, ombudsman=joint, effective_from=date(2027, 1, 1)
    )
    assert org.college.arrangement_on(date(2026, 12, 31)).ombudsman == org.ombudsman
    assert org.college.arrangement_on(date(2027, 1, 1)).ombudsman == joint
    assert org.college.arrangement_on(date(1999, 12, 31)) is None
    assert Body.objects.get(is_default=True) == org.college


@pytest.mark.parametrize(
    ("role", "list_status", "visible"),
    [
        ("coordinator", 200, True),
        ("administrator", 403, False),
    ],
)
def test_register_in_admin_is_read_only_and_scoped(
    admin_client_for, users, make_complaint, role, list_status, visible
):
    complaint = make_complaint()
    client = admin_client_for(getattr(users, role))
    response = client.get(reverse("admin:complaints_complaint_changelist"))
    assert response.status_code == list_status
    detail = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk]))
    if visible:
        assert detail.status_code == 200
        assert complaint.reference in detail.content.decode()
        # Read-only: posting a change does nothing.
        assert (
            client.post(
                reverse("admin:complaints_complaint_change", args=[complaint.pk]),
                {"description": "hacked"},
            ).status_code
            == 403
        )
    else:
        assert detail.status_code in (302, 403, 404)
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403


def _municipality_form(**overrides) -> dict:
    data = {
        "name": "Gemeente Testwijk",
        "primary_colour": "#1d4f91",
        "accent_colour": "#f2a900",
        "acknowledge_working_days": 5,
        "first_contact_working_days": 3,
        "due_soon_working_days": 5,
        "partner_escalation_working_days": 5,
        "partner_report_frequency": "quarter",
        "reminder_hour": 7,
        "inhabitant_counts-TOTAL_FORMS": 0,
        "inhabitant_counts-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_the_letters_that_need_sign_off_are_a_setting(admin_client_for, users, org):
    from vangnet.letters.models import Letter
    from vangnet.organisations.models import SIGNOFF_KINDS, Municipality

    assert SIGNOFF_KINDS.issubset(Letter.Kind.values)  # the same names as the letters
    client = admin_client_for(users.administrator)
    url = reverse("admin:organisations_municipality_change", args=[org.municipality.pk])
    page = client.get(url).content.decode()
    assert 'name="signoff_kinds"' in page and 'value="conclusion"' in page
    response = client.post(url, _municipality_form(signoff_kinds=["conclusion", "extension"]))
    assert response.status_code == 302
    assert Municipality.objects.get().signoff_kinds == ["conclusion", "extension"]
    response = client.post(url, _municipality_form(signoff_kinds=["acknowledgement"]))
    assert "signoff_kinds" in errors_of(response)
    assert Municipality.objects.get().signoff_kinds == ["conclusion", "extension"]
    response = client.post(url, _municipality_form())  # none ticked: nothing is signed
    assert response.status_code == 302
    assert Municipality.objects.get().signoff_kinds == []


def test_a_signatory_needs_a_function(admin_client_for, users):
    from vangnet.organisations.models import Signatory

    client = admin_client_for(users.administrator)
    url = reverse("admin:organisations_signatory_add")
    response = client.post(url, {"user": users.coordinator.pk, "function": "   "})
    assert "function" in errors_of(response)
    assert not Signatory.objects.exists()
    response = client.post(url, {"user": users.coordinator.pk, "function": "Directeur"})
    assert response.status_code == 302
    assert Signatory.objects.get().function == "Directeur"
