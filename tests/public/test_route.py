""" "Waar kan ik terecht?": one question per page, answers in the query string, a back
link on every step, and every branch ending at the right place. Bad input shows the
question again with a message, never an error page."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

ALWAYS = "U kunt altijd bij de gemeente terecht"


def get(client, **params):
    response = client.get(reverse("public:route"), params)
    return response, html.unescape(response.content.decode())


def back_link(content: str) -> dict:
    start = content.index("vangnet-back-link")
    href = content[content.index('href="', start) + 6 :]
    href = href[: href.index('"')]
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_first_question(client, public_org):
    response, content = get(client)
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Wat is er gebeurd?</h1>" in content
    assert content.count('type="radio"') == 5
    assert 'name="stap" value="1"' in content
    assert 'method="get"' in content
    assert reverse("public:home") in content.split("vangnet-back-link")[1][:200]  # back: home
    assert ALWAYS in content


def test_something_broken_is_a_report(client, public_org):
    response, content = get(client, wat="kapot", stap="1")
    assert response.status_code == 200
    assert "Doe een melding</h1>" in content
    assert 'href="https://www.testwijk.invalid/melding"' in content
    assert "Een melding is geen klacht" in content
    assert ALWAYS in content
    assert back_link(content) == {"wat": "kapot", "vraag": "1"}


def test_report_without_report_url_gives_the_phone_number(client, public_org):
    public_org.municipality.report_url = ""
    public_org.municipality.save()
    _response, content = get(client, wat="kapot")
    assert "Bel de gemeente op 14 0999 om een melding te doen." in content


def test_disagreeing_with_a_decision_is_an_objection(client, public_org):
    _response, content = get(client, wat="besluit")
    assert "Maak bezwaar</h1>" in content
    assert "binnen 6 weken na de datum van het besluit" in content
    assert "naar de organisatie die het besluit nam" in content
    assert "Wat is het verschil met een klacht?" in content
    assert ALWAYS in content


def test_treated_badly_by_the_municipality_goes_to_the_form(client, public_org):
    _response, content = get(client, wat="gemeente")
    assert reverse("public:complaint") + "?soort=gemeente" in content
    assert ALWAYS in content


def test_cooperation_goes_to_the_form_with_cooperation(client, public_org):
    _response, content = get(client, wat="samenwerking")
    assert reverse("public:complaint") + "?soort=samenwerking" in content
    assert ALWAYS in content


def test_partner_branch_asks_which_then_whether_already_complained(client, public_org):
    response, content = get(client, wat="organisatie", stap="1")
    assert response.status_code == 200
    assert "Over welke organisatie gaat het?</h1>" in content
    assert "Schuldhulp Samen" in content and "Afvalbedrijf Regio" in content
    assert "Oud Bedrijf" not in content  # inactive
    assert "Dat weet ik niet" in content
    assert '<input type="hidden" name="wat" value="organisatie">' in content
    assert back_link(content) == {"wat": "organisatie", "vraag": "1"}

    _response, content = get(client, wat="organisatie", organisatie="schuldhulp-samen", stap="2")
    assert "Heeft u al bij deze organisatie geklaagd?</h1>" in content
    assert '<input type="hidden" name="organisatie" value="schuldhulp-samen">' in content
    assert back_link(content) == {
        "wat": "organisatie",
        "organisatie": "schuldhulp-samen",
        "vraag": "2",
    }


def test_not_complained_yet_goes_to_the_partner_first(client, public_org):
    _response, content = get(
        client, wat="organisatie", organisatie="schuldhulp-samen", al_geklaagd="nee", stap="3"
    )
    assert "Klaag eerst bij Schuldhulp Samen</h1>" in content
    assert 'href="mailto:klachten@schuldhulp.invalid"' in content
    assert 'href="tel:0123112233"' in content
    assert reverse("public:partner", args=["schuldhulp-samen"]) in content
    assert reverse("public:complaint") + "?partner=schuldhulp-samen&gehoord=nee" in content
    assert ALWAYS in content
    assert back_link(content)["vraag"] == "3"


def test_not_heard_goes_to_the_form_with_partner_and_already_tried(client, public_org):
    _response, content = get(
        client, wat="organisatie", organisatie="schuldhulp-samen", al_geklaagd="ja"
    )
    assert reverse("public:complaint") + "?partner=schuldhulp-samen&gehoord=nee" in content
    assert ALWAYS in content


def test_unknown_partner_goes_to_the_form(client, public_org):
    _response, content = get(client, wat="organisatie", organisatie="onbekend")
    assert reverse("public:complaint") + "?soort=gemeente" in content
    assert ALWAYS in content


def test_back_link_shows_the_question_with_the_answer_checked(client, public_org):
    response, content = get(client, wat="organisatie", organisatie="schuldhulp-samen", vraag="2")
    assert response.status_code == 200
    assert "Over welke organisatie gaat het?</h1>" in content
    assert 'value="schuldhulp-samen" checked' in content
    assert "Fout" not in content

    _response, content = get(client, wat="besluit", vraag="1")
    assert "Wat is er gebeurd?</h1>" in content
    assert 'value="besluit" checked' in content


@pytest.mark.parametrize(
    ("params", "question", "message"),
    [
        ({"stap": "1"}, "Wat is er gebeurd?", "Kies een antwoord."),
        ({"wat": "iets", "stap": "1"}, "Wat is er gebeurd?", "Kies een antwoord."),
        ({"wat": ""}, "Wat is er gebeurd?", "Kies een antwoord."),
        (
            {"wat": "organisatie", "stap": "2"},
            "Over welke organisatie gaat het?",
            "Kies een organisatie, of kies 'Dat weet ik niet'.",
        ),
        (
            {"wat": "organisatie", "organisatie": "oud-bedrijf"},
            "Over welke organisatie gaat het?",
            "Kies een organisatie uit de lijst",
        ),
        (
            {"wat": "organisatie", "organisatie": "schuldhulp-samen", "al_geklaagd": "misschien"},
            "Heeft u al bij deze organisatie geklaagd?",
            "Kies een antwoord.",
        ),
    ],
)
def test_bad_answers_show_the_question_again(client, public_org, params, question, message):
    response, content = get(client, **params)
    assert response.status_code == 400
    assert f"{question}</h1>" in content
    assert message in content
    assert "error-summary" in content
    assert content.count("<title>Fout:") == 1
    field = {"Wat": "wat", "Ove": "organisatie", "Hee": "al_geklaagd"}[question[:3]]
    assert f'href="#id_{field}_0"' in content  # the summary links to the first option
    assert f'aria-describedby="id_{field}_help id_{field}_error"' in content


def test_garbage_never_breaks_the_route(client, public_org):
    for params in [
        {"vraag": "9", "wat": "kapot"},
        {"vraag": "x"},
        {"wat": ["kapot", "besluit"]},
        {"wat": "organisatie", "organisatie": "x" * 5000},
        {"stap": "3", "al_geklaagd": "ja"},
    ]:
        response = client.get(reverse("public:route"), params)
        assert response.status_code in (200, 400), params
