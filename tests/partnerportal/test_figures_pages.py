"""The partners' figures pages (partner user and coordinator, with permissions) and
the API (`vangnet.api.partner_figures`)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from vangnet.letters.models import OutboxMessage
from vangnet.partnerportal import figures, figures_csv
from vangnet.partnerportal.models import FiguresReminder, PartnerReport, PartnerReportLine

NOW = datetime(2026, 5, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
HEADER = ";".join(figures_csv.COLUMNS)
GOOD = "10;8;3;4;1;0;1;1;2;0"


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def good(theme=None, **changes):
    values = dict(zip(figures.NUMBER_FIELDS, map(int, GOOD.split(";")), strict=True))
    values.update(changes)
    return {"theme": theme, **values}


def submit(org, users, partner=None, period="Q1", **kwargs):
    return figures.submit_report(
        partner=partner or org.partner,
        year=2026,
        period=period,
        lines=[good(org.debt)],
        actor=users.coordinator,
        source="form",
        **kwargs,
    )


def form_data(rows: list[dict], note="") -> dict:
    data = {
        "regels-TOTAL_FORMS": str(len(rows)),
        "regels-INITIAL_FORMS": str(len(rows)),
        "regels-MIN_NUM_FORMS": "0",
        "regels-MAX_NUM_FORMS": "500",
        "note": note,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"regels-{index}-{key}"] = value
    return data


# --- Partner user -------------------------------------------------------------------------


def test_partner_list_shows_the_periods_and_their_state(client, org, users):
    submit(org, users, period="Q1")
    client.force_login(users.partner)
    page = client.get(reverse("partnerportal:figures"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Doorgegeven" in html and "Periode loopt nog" in html
    assert reverse("partnerportal:figures_form", args=[2026, "Q1"]) in html
    previous = client.get(reverse("partnerportal:figures") + "?jaar=2025").content.decode()
    assert previous.count("Nog niet doorgegeven") == 4


def test_form_submits_ignores_empty_rows_and_shows_errors_next_to_fields(client, org, users):
    client.force_login(users.partner)
    url = reverse("partnerportal:figures_form", args=[2026, "Q1"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Overig/onbekend" in page.content.decode()
    numbers = dict(zip(figures.NUMBER_FIELDS, GOOD.split(";"), strict=True))
    bad = {**numbers, "handled": "9"}
    rows = [
        {"theme": str(org.debt.pk), **bad},
        {"theme": str(org.waste.pk), **{name: "" for name in numbers}},  # empty: ignored
        {"theme": "other", **numbers, "received": "abc"},
    ]
    response = client.post(url, form_data(rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een heel getal in" in html
    assert 'value="9"' in html and 'value="abc"' in html  # input kept
    # The sum on line 1 is reported in the same round as the text on line 3.
    assert "Regel 1, afgehandeld: afgehandeld is 9" in html
    rows[2] = {"theme": "other", **numbers, "received": "-2"}
    html = client.post(url, form_data(rows)).content.decode()
    assert "Regel 1, afgehandeld: afgehandeld is 9" in html
    assert "Regel 3, ontvangen: -2 is negatief" in html
    assert PartnerReport.objects.count() == 0

    rows[0] = {"theme": str(org.debt.pk), **numbers}
    rows[2] = {"theme": "other", **numbers}
    response = client.post(url, form_data(rows, note="Eerste keer"))
    report = PartnerReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerportal:figures_report", args=[report.pk])
    assert report.lines.count() == 2  # the empty row was ignored
    # A correction: the form starts from the current version; a new version is stored.
    rows[0]["received"] = "12"
    client.post(url, form_data(rows))
    assert list(PartnerReport.objects.order_by("version").values_list("version", "is_current")) == [
        (1, False),
        (2, True),
    ]
    detail = client.get(reverse("partnerportal:figures_report", args=[report.pk])).content.decode()
    assert "oude versie" in detail and "Versie 2" in detail


def test_a_nul_in_the_form_or_the_file_is_a_message_not_a_server_error(client, org, users):
    """Issue 14: PostgreSQL cannot hold a NUL character; it never reaches a query."""
    client.force_login(users.partner)
    url = reverse("partnerportal:figures_form", args=[2026, "Q1"])
    numbers = dict(zip(figures.NUMBER_FIELDS, GOOD.split(";"), strict=True))
    rows = [{"theme": "schul\x00den", **numbers}, {"theme": str(org.waste.pk), **numbers}]
    response = client.post(url, form_data(rows, note="Toelichting\x00"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een thema uit de lijst." in html
    content = "\n".join([HEADER, f"2026-Q1;schul\x00den;{GOOD}"])
    upload = SimpleUploadedFile("c.csv", content.encode(), "text/csv")
    response = client.post(reverse("partnerportal:figures_upload"), {"file": upload})
    assert response.status_code == 400
    assert PartnerReport.objects.count() == 0


def test_form_for_a_future_period_is_refused(client, org, users):
    client.force_login(users.partner)
    url = reverse("partnerportal:figures_form", args=[2026, "Q2"])
    assert "nog niet voorbij" in client.get(url).content.decode()
    assert client.get(reverse("partnerportal:figures_form", args=[2026, "Q7"])).status_code == 404


def test_upload_page_refuses_whole_and_keeps_the_options(client, org, users):
    client.force_login(users.partner)
    url = reverse("partnerportal:figures_upload")
    content = "\n".join([HEADER, f"2026-Q1;schulden;{GOOD}", "2026-Q1;afval;-1;8;3;4;1;0;1;1;2;0"])
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("c.csv", content.encode(), "text/csv"),
            "note": "Mijn toelichting",
            "replace": "on",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rij 3, kolom ‘ontvangen’: ‘-1’ is negatief" in html
    assert "We hebben niets opgeslagen" in html
    assert "Mijn toelichting" in html and "checked" in html
    assert PartnerReport.objects.count() == PartnerReportLine.objects.count() == 0

    good_file = SimpleUploadedFile(
        "c.csv", "\n".join(content.splitlines()[:2]).encode(), "text/csv"
    )
    response = client.post(url, {"file": good_file})
    assert response.status_code == 302
    assert PartnerReport.objects.get().source == "upload"


def test_upload_page_refuses_a_large_file(client, org, users):
    client.force_login(users.partner)
    big = SimpleUploadedFile("groot.csv", b"a;" * (figures_csv.MAX_BYTES // 2 + 10), "text/csv")
    response = client.post(reverse("partnerportal:figures_upload"), {"file": big})
    assert response.status_code == 400
    assert "Een bestand mag hoogstens 2 MB zijn." in response.content.decode()


def test_template_download(client, org, users):
    client.force_login(users.partner)
    response = client.get(reverse("partnerportal:figures_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    assert "2026-Q1;Sociaal domein > Schuldhulpverlening;0" in text


def test_a_partner_cannot_see_another_partners_figures(client, org, users):
    theirs = submit(org, users, partner=org.other_partner)
    client.force_login(users.partner)
    assert client.get(reverse("partnerportal:figures_report", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("partnerportal:figures_overview")).status_code == 403
    for user in (users.handler, users.viewer):
        client.force_login(user)
        assert client.get(reverse("partnerportal:figures")).status_code == 403
        assert (
            client.get(reverse("partnerportal:figures_report", args=[theirs.pk])).status_code == 403
        )


# --- Coordinator --------------------------------------------------------------------------


def test_overview_and_reminders(client, org, users):
    report = submit(org, users, partner=org.other_partner)
    client.force_login(users.coordinator)
    page = client.get(reverse("partnerportal:figures_overview") + "?jaar=2026")
    assert page.status_code == 200
    html = page.content.decode()
    q1 = html.split('id="periode-2026-Q1"')[1].split("</section>")[0]
    assert reverse("partnerportal:figures_report", args=[report.pk]) in q1
    assert "Schuldhulp Samen" in q1 and "Herinnering sturen" in q1
    assert "loopt tot en met" in html.split('id="periode-2026-Q2"')[1]

    response = client.post(
        reverse("partnerportal:figures_remind"),
        {"year": 2026, "period": "Q1", "partner": org.partner.pk},
    )
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to="klachten@schuldhulp.invalid").count() == 1
    assert FiguresReminder.objects.filter(partner=org.partner, period="Q1").count() == 1
    html = client.get(response["Location"]).content.decode()
    assert "herinnering gestuurd op 15 mei 2026" in html
    # The coordinator sees the submission and its versions.
    assert client.get(reverse("partnerportal:figures_report", args=[report.pk])).status_code == 200
    # "All" for 2025-Q4: both partners.
    client.post(reverse("partnerportal:figures_remind"), {"year": 2025, "period": "Q4"})
    assert FiguresReminder.objects.filter(year=2025).count() == 1  # other_partner: no e-mail
    # A partner user may not send reminders.
    client.force_login(users.partner)
    assert (
        client.post(
            reverse("partnerportal:figures_remind"), {"year": 2025, "period": "Q4"}
        ).status_code
        == 403
    )


# --- API ----------------------------------------------------------------------------------

API = "/api/v1/partner-figures/"


def api_for(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def test_api_list_and_retrieve_scoped(org, users):
    mine = submit(org, users)
    theirs = submit(org, users, partner=org.other_partner)
    coordinator = api_for(users.coordinator).get(API).json()
    assert {row["id"] for row in coordinator["results"]} == {mine.pk, theirs.pk}
    partner = api_for(users.partner)
    assert [row["id"] for row in partner.get(API).json()["results"]] == [mine.pk]
    detail = partner.get(f"{API}{mine.pk}/").json()
    assert detail["label"] == "2026-Q1" and detail["lines"][0]["theme"] == "schulden"
    assert partner.get(f"{API}{theirs.pk}/").status_code == 404
    for user in (users.handler, users.viewer, users.administrator):
        assert api_for(user).get(API).status_code == 403
    assert APIClient().get(API).status_code == 401


def test_api_create_and_errors(org, users):
    partner = api_for(users.partner)
    body = {
        "year": 2026,
        "period": "Q1",
        "lines": [good("schulden"), good(None, handled=9)],
    }
    response = partner.post(API, body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["lines"][0] == {}
    assert "afgehandeld is 9" in errors["lines"][1]["handled"][0]
    assert PartnerReport.objects.count() == 0

    response = partner.post(API, {**body, "period": "Q2"}, format="json")
    assert "nog niet voorbij" in response.json()["period"][0]

    body["lines"][1] = good(None)
    response = partner.post(API, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["version"] == 1 and response.json()["source"] == "api"
    # Not for another partner.
    other = {**body, "partner": org.other_partner.pk}
    assert partner.post(API, other, format="json").status_code == 403
    assert api_for(users.coordinator).post(API, other, format="json").status_code == 201
    assert api_for(users.handler).post(API, body, format="json").status_code == 403
