"""Who may open which page, and what they see there."""

import re

import pytest
from django.urls import reverse

from vangnet.handling.guard import perform

from .conftest import forward

pytestmark = pytest.mark.django_db

MY_WORK = reverse("backoffice:my_work")
LIST = reverse("backoffice:complaint_list")
CREATE = reverse("backoffice:complaint_create")
FIGURES = reverse("reports:annual_report")


def detail(complaint):
    return reverse("backoffice:complaint_detail", args=[complaint.pk])


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("url", [MY_WORK, LIST, CREATE, FIGURES, "/backoffice/klachten/1/"])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_login_page_renders_an_accessible_form(client, org):
    response = client.get("/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html  # skip link
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html
    assert "Hoofdmenu" not in html  # no navigation before logging in


def test_login_with_wrong_password_shows_the_error_summary(client, users):
    response = client.post("/login/", {"username": "coordinator", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "vangnet-error-summary" in html
    assert "<title>Fout: Inloggen" in html


def test_login_through_the_form_lands_on_my_work(client, users):
    from tests.conftest import PASSWORD

    response = client.post("/login/", {"username": "handler", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == MY_WORK
    assert response.status_code == 200


# --- Mijn werk -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "handler", "other_handler", "partner"])
def test_my_work_renders_for_complaint_roles(client, users, role):
    response = get(client, getattr(users, role), MY_WORK)
    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_viewer_is_sent_from_my_work_to_the_figures(client, users):
    response = get(client, users.viewer, MY_WORK)
    assert response.status_code == 302
    assert response["Location"] == FIGURES


def test_administrator_is_sent_from_my_work_to_the_admin(client, users):
    response = get(client, users.administrator, MY_WORK)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_user_without_role_gets_403_in_dutch(client, users):
    response = get(client, users.nobody, MY_WORK)
    assert response.status_code == 403
    assert "U heeft geen toegang tot deze pagina" in response.content.decode()


def test_my_work_shows_my_open_complaints_only(client, users, make_complaint):
    mine = make_complaint()
    perform("assign", actor=users.coordinator, complaint=mine, data={"handler": users.handler})
    not_mine = make_complaint(description="Nog niet toegewezen klacht.")
    html = get(client, users.handler, MY_WORK).content.decode()
    assert mine.reference in html
    assert not_mine.reference not in html


def test_my_work_for_the_coordinator_counts_unassigned_and_overdue(client, users, bulk_complaints):
    from datetime import date, timedelta

    later = date.today() + timedelta(days=20)  # their acknowledgement not yet urgent
    bulk_complaints(3, acknowledge_by=later, first_contact_by=later)
    bulk_complaints(2, decide_by=date.today() - timedelta(days=2), handler=users.handler)
    html = get(client, users.coordinator, MY_WORK).content.decode()
    assert '<span class="vangnet-card__number">3</span>' in html
    assert '<span class="vangnet-card__number">2</span>' in html
    assert "?kind=complaint&amp;state=received&amp;unassigned=on" in html
    assert f"{LIST}?overdue=on" in html


def test_my_work_of_a_partner_user_lists_complaints_forwarded_to_the_partner(
    client, users, org, make_complaint
):
    forwarded = make_complaint()
    forward(forwarded, users.coordinator, org.partner)
    other = make_complaint(description="Niet doorgestuurd.")
    html = get(client, users.partner, MY_WORK).content.decode()
    assert forwarded.reference in html
    assert other.reference not in html
    assert "Schuldhulp Samen" in html


# --- Klachtenlijst -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "administrator", "nobody"])
def test_list_is_refused_without_complaint_role(client, users, role):
    assert get(client, getattr(users, role), LIST).status_code == 403


def test_list_is_scoped_per_role(client, users, org, make_complaint):
    social = make_complaint(department=org.dept_social, description="Over werk en inkomen.")
    space = make_complaint(department=org.dept_space, description="Over openbare ruimte.")
    assigned_elsewhere = make_complaint(department=org.dept_space, description="Toegewezen.")
    perform(
        "assign",
        actor=users.coordinator,
        complaint=assigned_elsewhere,
        data={"handler": users.handler},
    )
    forwarded = make_complaint(department=org.dept_space, description="Doorgestuurd.")
    forward(forwarded, users.coordinator, org.partner)

    def refs(user):
        html = get(client, user, LIST).content.decode()
        return {
            c.reference
            for c in (social, space, assigned_elsewhere, forwarded)
            if c.reference in html
        }

    assert refs(users.coordinator) == {
        social.reference,
        space.reference,
        assigned_elsewhere.reference,
        forwarded.reference,
    }
    assert refs(users.handler) == {social.reference, assigned_elsewhere.reference}
    assert refs(users.other_handler) == {
        space.reference,
        assigned_elsewhere.reference,
        forwarded.reference,
    }
    assert refs(users.partner) == {forwarded.reference}
    assert refs(users.other_partner) == set()


# --- Klacht --------------------------------------------------------------------------


def test_detail_for_the_handler_of_the_department_shows_personal_data_and_timeline(
    client, users, make_complaint
):
    complaint = make_complaint()  # department: Werk en Inkomen (the handler's)
    response = get(client, users.handler, detail(complaint))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f"Klacht {complaint.reference}" in html
    assert "Fatima de Vries" in html
    assert "fatima@example.invalid" in html
    assert "Tijdlijn" in html
    assert "Klacht geregistreerd via Telefoon." in html
    # Not assigned: may read, not act.
    assert f'action="/backoffice/klachten/{complaint.pk}/notitie/"' not in html
    assert "Acties" not in html


@pytest.mark.parametrize("role", ["other_handler", "partner", "viewer", "administrator", "nobody"])
def test_detail_is_404_for_who_may_not_see_it(client, users, make_complaint, role):
    complaint = make_complaint()
    assert get(client, getattr(users, role), detail(complaint)).status_code == 404


def test_detail_404_page_is_dutch(client, users):
    response = get(client, users.coordinator, "/backoffice/klachten/999999/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_handler_sees_a_complaint_of_another_department_once_assigned(
    client, users, org, make_complaint
):
    complaint = make_complaint(department=org.dept_space)
    assert get(client, users.handler, detail(complaint)).status_code == 404
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    html = get(client, users.handler, detail(complaint)).content.decode()
    assert "Notitie toevoegen" in html
    assert "Behandelaar toewijzen" not in html  # assigning is for the coordinator


def test_partner_user_sees_a_forwarded_complaint_without_the_timeline(
    client, users, org, make_complaint
):
    complaint = make_complaint()
    perform("note", actor=users.coordinator, complaint=complaint, data={"text": "Intern: bellen."})
    forward(complaint, users.coordinator, org.partner)
    response = get(client, users.partner, detail(complaint))
    html = response.content.decode()
    assert response.status_code == 200
    assert complaint.description in html
    assert "Tijdlijn" not in html
    assert "Intern: bellen." not in html
    assert "Acties" not in html
    assert get(client, users.other_partner, detail(complaint)).status_code == 404


def test_coordinator_sees_every_action(client, users, make_complaint):
    complaint = make_complaint()
    html = get(client, users.coordinator, detail(complaint)).content.decode()
    for heading in [
        "Ontvangst bevestigen",
        "Niet in behandeling nemen (Awb 9:8)",
        "Intrekking vastleggen",
        "Doorsturen naar ander bestuursorgaan (Awb 2:3)",
        "Termijn verdagen",
        "Uitstel met instemming van de indiener",
        "Behandelaar toewijzen",
        "Notitie toevoegen",
        "Thema wijzigen",
        "Bijlagen toevoegen",
        "Doorsturen naar partner",
    ]:
        assert heading in html
    # Only the steps the table allows from 'received'.
    for step in ["log_contact", "decide", "send_conclusion", "reopen"]:
        assert f"/klachten/{complaint.pk}/stap/{step}/" not in html


def test_detail_of_a_closed_complaint_offers_only_reopening(client, users, make_complaint):

    complaint = make_complaint()
    perform(
        "withdraw",
        actor=users.coordinator,
        complaint=complaint,
        data={"note": "Mevrouw belde: het is opgelost."},
    )
    html = get(client, users.coordinator, detail(complaint)).content.decode()
    assert "Ingetrokken" in html
    assert "Mevrouw belde: het is opgelost." in html
    steps = re.findall(rf'action="/backoffice/klachten/{complaint.pk}/stap/(\w+)/"', html)
    assert steps == ["reopen"]
    assert "Behandelaar toewijzen" not in html
    assert "Termijn verdagen" not in html


# --- Registreren, Cijfers ------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "handler"])
def test_registration_form_renders_for_coordinator_and_handler(client, users, role):
    response = get(client, getattr(users, role), CREATE)
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["partner", "viewer", "administrator", "nobody"])
def test_registration_is_refused_for_other_roles(client, users, role):
    assert get(client, getattr(users, role), CREATE).status_code == 403
    assert client.post(CREATE, {}).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "viewer"])
def test_figures_render_for_coordinator_and_viewer(client, users, role):
    assert get(client, getattr(users, role), FIGURES).status_code == 200


@pytest.mark.parametrize("role", ["handler", "partner", "administrator", "nobody"])
def test_figures_are_refused_for_other_roles(client, users, role):
    assert get(client, getattr(users, role), FIGURES).status_code == 403


def test_figures_show_no_personal_data(client, users, make_complaint):
    complaint = make_complaint()
    url = f"{FIGURES}?jaar={complaint.received_on.year}"
    html = get(client, users.viewer, url).content.decode()
    assert "Fatima" not in html
    assert "Sociaal domein" in html


# --- Navigation ----------------------------------------------------------------------


def nav_links(html):
    start = html.index('aria-label="Hoofdmenu"')
    nav = html[start : html.index("</nav>", start)]
    return [
        label
        for label in ("Mijn werk", "Klachten", "Registreren", "Cijfers", "Beheer")
        if f">{label}</a>" in nav
    ]


@pytest.mark.parametrize(
    ("role", "url", "expected"),
    [
        ("coordinator", MY_WORK, ["Mijn werk", "Klachten", "Registreren", "Cijfers", "Beheer"]),
        ("handler", MY_WORK, ["Mijn werk", "Klachten", "Registreren"]),
        ("partner", MY_WORK, ["Mijn werk", "Klachten"]),
        ("viewer", FIGURES, ["Cijfers"]),
    ],
)
def test_navigation_shows_only_what_the_user_may_use(client, users, role, url, expected):
    html = get(client, getattr(users, role), url).content.decode()
    assert nav_links(html) == expected
    assert 'action="/logout/"' in html
    assert "Gemeente Testwijk" in html


def test_primary_colour_comes_from_configuration(client, users, org):
    org.municipality.primary_colour = "#aa3300"
    org.municipality.save()
    html = get(client, users.coordinator, MY_WORK).content.decode()
    assert "--vangnet-primary: #aa3300" in html


def test_logout_is_a_post(client, users):
    client.force_login(users.handler)
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get(MY_WORK).status_code == 302


def test_unknown_address_for_an_anonymous_visitor_is_a_dutch_404(client, org):
    response = client.get("/backoffice/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_error_pages_render_without_a_request(org):
    from django.template.loader import render_to_string

    assert "Er ging iets mis" in render_to_string("500.html")
    assert "Het formulier is verlopen" in render_to_string("403_csrf.html")


def test_a_post_without_csrf_token_gets_the_dutch_page(users, make_complaint):
    from django.test import Client

    complaint = make_complaint()
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.coordinator)
    url = reverse("backoffice:complaint_note", args=[complaint.pk])
    response = client.post(url, {"text": "Zonder token."})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
