"""The cost of the second line page (/backoffice/leren/tweede-lijn/): the cost per body
for a year, the scenario comparison with the seed's tariffs, the break-even sentences,
bad parameters, who may see it, and the texts per ombudsman."""

import re
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from vangnet.core.charts import contrast
from vangnet.learning import cost_chart, second_line
from vangnet.learning.models import OmbudsmanCase
from vangnet.organisations.models import (
    CostModel,
    InhabitantCount,
    Ombudsman,
    SecondLineArrangement,
)

URL = "/backoffice/leren/tweede-lijn/"
TEXTS_URL = "/backoffice/leren/tweede-lijn/teksten/"


@pytest.fixture
def tariffs(org):
    """The seed's tariffs (seed 000) and an own ombudsman at a fixed € 56,000."""
    national = org.ombudsman
    national.cost_model = CostModel.PER_INHABITANT
    national.amount_per_inhabitant = Decimal("0.1953")
    national.independence = "Landelijk en onafhankelijk."
    national.save()
    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman",
        kind=Ombudsman.Kind.JOINT,
        address="Postbus 1",
        cost_model=CostModel.CONTRIBUTION,
        yearly_amount=Decimal("43297.29"),
        included_complaints=100,
        price_per_extra_complaint=Decimal("432.97"),
        local_involvement="Houdt spreekuur in de regio.",
    )
    own = Ombudsman.objects.create(
        name="Ombudscommissie Testwijk",
        kind=Ombudsman.Kind.OWN,
        address="Postbus 2",
        cost_model=CostModel.FIXED,
        yearly_amount=Decimal("56000.00"),
    )
    return national, joint, own


def page(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_seeds_figures_are_on_the_scenario_page(client, users, tariffs):
    response = page(client, users.coordinator, **{"from": 99, "to": 101, "step": 1,
                                                  "inhabitants": 159709})  # fmt: skip
    assert response.status_code == 200
    content = text(response)
    # The Nationale ombudsman: € 0.1953 × 159,709 = € 31,191.17, whatever the number.
    assert content.count("€ 31.191,17") >= 3
    # The joint ombudsman: € 43,297.29 up to 100 complaints, € 432.97 more for the 101st.
    row_100 = re.search(r"<th[^>]*>100</th>(.*?)</tr>", response.content.decode(), re.S)
    assert "€ 43.297,29" in row_100.group(1)
    row_101 = re.search(r"<th[^>]*>101</th>(.*?)</tr>", response.content.decode(), re.S)
    assert "€ 43.730,26" in row_101.group(1)
    assert "€ 56.000,00" in row_101.group(1)
    assert "Kosten per jaar bij 159.709 inwoners" in content


def test_break_even_sentences(client, users, tariffs):
    content = text(page(client, users.coordinator, inhabitants=159709))
    # 43,297.29 + 30 × 432.97 = 56,286.39 > 56,000 from 130 complaints on.
    assert (
        "Vanaf 130 klachten per jaar is Gezamenlijke Ombudsman duurder dan "
        "Ombudscommissie Testwijk." in content
    )
    # With the seed's figures the joint ombudsman is dearer at every number.
    assert (
        "In deze hele vergelijking is Gezamenlijke Ombudsman duurder dan Nationale ombudsman."
        in content
    )
    # Per inhabitant: from 221,697 inhabitants the Nationale ombudsman is dearer than
    # the joint one at 0 complaints (0.1953 × 221,697 = 43,297.42 > 43,297.29).
    assert (
        "Bij 0 klachten per jaar is Nationale ombudsman vanaf 221.697 inwoners duurder dan "
        "Gezamenlijke Ombudsman." in content
    )


def test_defaults_and_the_chart(client, users, org, tariffs):
    response = page(client, users.coordinator)
    assert response.status_code == 200
    # Defaults: 0 to 200 step 10 and the municipality's latest count (100,000 in 2026).
    assert response.context["values"] == {"from": 0, "to": 200, "step": 10, "inhabitants": 100_000}
    assert len(response.context["table_rows"]) == 21
    svg = re.search(r"<svg.*?</svg>", response.content.decode(), re.S).group(0)
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "0 tot 200 klachten" in title.text
    # Every number in words: € 0.1953 × 100,000 = € 19,530.00.
    assert "Nationale ombudsman: 0 klachten € 19.530,00" in desc.text
    assert "200 klachten € 86.594,29" in desc.text
    assert len(root.findall(f"{ns}polyline")) == 3


def test_the_chart_colours_stand_out():
    for colour in cost_chart.OTHER_COLOURS:
        assert contrast(colour) >= 3


def test_bad_parameters_give_a_message_and_keep_the_defaults(client, users, tariffs):
    for params, field in [
        ({"from": "tien"}, "from"),
        ({"to": "-5"}, "to"),
        ({"step": "0"}, "step"),
        ({"step": "2.5"}, "step"),
        ({"inhabitants": "veel"}, "inhabitants"),
        ({"from": "50", "to": "10"}, "to"),
        ({"from": "0", "to": "100000", "step": "1"}, "step"),  # > 200 rows
        ({"to": "9" * 40}, "to"),
    ]:
        response = page(client, users.coordinator, **params)
        assert response.status_code == 200, params
        assert field in response.context["errors"], params
        assert response.context["values"]["to"] == 200
        assert len(response.context["table_rows"]) == 21
        content = response.content.decode()
        assert 'aria-invalid="true"' in content
        # The input is kept in the field.
        assert f'value="{params[field]}"' in content
    response = page(client, users.coordinator, jaar="twintig")
    assert response.status_code == 200
    assert "Vul een jaar in van 2000 tot en met 2200" in text(response)


def test_the_number_of_rows_is_capped(db):
    values, errors = second_line.read_scenario({"from": "0", "to": "199", "step": "1"})
    assert not errors and values["to"] == 199
    values, errors = second_line.read_scenario({"from": "0", "to": "200", "step": "1"})
    assert "step" in errors and values["to"] == 200 and values["step"] == 10
    result = second_line.scenario(start=0, stop=25, step=10, inhabitants=None)
    assert [n for n, _costs in result["rows"]] == [0, 10, 20, 25]


def test_cost_per_body_for_a_year_with_a_switch(client, users, org, tariffs):
    national, joint, _own = tariffs
    InhabitantCount.objects.create(municipality=org.municipality, year=2025, inhabitants=159709)
    college_terms = SecondLineArrangement.objects.get(body=org.college)
    college_terms.cost_model = CostModel.PER_INHABITANT
    college_terms.amount_per_inhabitant = Decimal("0.1953")
    college_terms.save()
    SecondLineArrangement.objects.create(
        body=org.college,
        ombudsman=joint,
        effective_from=date(2025, 7, 1),
        cost_model=CostModel.CONTRIBUTION,
        yearly_amount=Decimal("43297.29"),
        included_complaints=100,
        price_per_extra_complaint=Decimal("432.97"),
    )
    OmbudsmanCase.objects.create(
        ombudsman=national,
        reference="NO-1",
        received_on=date(2025, 3, 1),
        body=org.college,
        kind=OmbudsmanCase.Kind.INTERVENTION,
    )
    response = page(client, users.coordinator, jaar=2025)
    content = text(response)
    row = response.context["bodies"][0]
    assert row["body"] == org.college and row["switched"]
    # 31,191.1677 × 181/365 = 15,467.40; 43,297.29 × 184/365 = 21,826.58.
    assert row["total"] == "€ 37.293,98"
    assert row["per_case"] == "€ 37.293,98"
    assert "1 januari tot en met 30 juni (181 dagen)" in content
    assert "1 juli tot en met 31 december (184 dagen)" in content
    assert "€ 15.467,40" in content and "€ 21.826,58" in content
    # The mayor has no arrangement: unknown, not € 0.
    mayor = next(b for b in response.context["bodies"] if b["body"] == org.mayor)
    assert mayor["total"] == "onbekend"


def test_who_may_see_the_page(client, users, tariffs):
    assert page(client, users.viewer).status_code == 200
    assert page(client, users.coordinator).status_code == 200
    for user in (users.handler, users.partner, users.nobody):
        assert page(client, user).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_no_personal_data_on_the_page(client, users, tariffs, make_complaint):
    complaint = make_complaint()
    OmbudsmanCase.objects.create(
        ombudsman=tariffs[0],
        reference="NO-9",
        received_on=complaint.received_on,
        body=complaint.body,
        complaint=complaint,
        kind=OmbudsmanCase.Kind.REPORT,
        summary="Geheim verhaal van Fatima",
    )
    content = page(client, users.viewer).content.decode()
    for secret in ("Fatima", complaint.reference, "NO-9", "Kerkstraat"):
        assert secret not in content


def test_the_qualitative_texts_are_shown_and_edited_by_the_coordinator(client, users, tariffs):
    national, joint, _own = tariffs
    content = text(page(client, users.viewer))
    assert "Landelijk en onafhankelijk." in content
    assert "Houdt spreekuur in de regio." in content
    assert "Teksten wijzigen" not in content
    assert client.get(TEXTS_URL).status_code == 403
    client.force_login(users.coordinator)
    assert "Teksten wijzigen" in text(client.get(URL))
    assert client.get(TEXTS_URL).status_code == 200
    data = {}
    for ombudsman in tariffs:
        prefix = f"ombudsman-{ombudsman.pk}"
        for name in ("independence", "local_involvement", "learning", "reach"):
            data[f"{prefix}-{name}"] = getattr(ombudsman, name)
    data[f"ombudsman-{joint.pk}-learning"] = "Rapporteert op managementniveau."
    response = client.post(TEXTS_URL, data)
    assert response.status_code == 302
    joint.refresh_from_db()
    assert joint.learning == "Rapporteert op managementniveau."
    # Too long: a message next to the field, nothing stored.
    data[f"ombudsman-{national.pk}-reach"] = "x" * 10_001
    data[f"ombudsman-{joint.pk}-learning"] = "Anders"
    response = client.post(TEXTS_URL, data)
    assert response.status_code == 400
    assert "Hoogstens" in response.content.decode()
    joint.refresh_from_db()
    assert joint.learning == "Rapporteert op managementniveau."
    # The cost terms are not editable here.
    national.refresh_from_db()
    assert national.amount_per_inhabitant == Decimal("0.1953")
    client.force_login(users.handler)
    assert client.get(TEXTS_URL).status_code == 403


def test_url_names():
    assert reverse("learning:second_line_costs") == URL
    assert reverse("learning:second_line_texts") == TEXTS_URL
