"""The Klachtenwijzer: the home page, the search by everyday words, and the partner pages
(seed 002: where and how to complain to each partner, what to do when not heard or when
parties do not cooperate)."""

import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from vangnet.public import search
from vangnet.public.complaint_form import TRIED_YES


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


# --- Home -----------------------------------------------------------------------------


def test_home_explains_the_municipality_route_and_lists_partners_by_domain(client, public_org):
    content = page(client, reverse("public:home"))
    assert content.count("<h1") == 1
    assert reverse("public:complaint") in content
    assert reverse("public:route") in content
    assert 'name="q"' in content and "Waar gaat uw klacht over?" in content
    # Grouped under the main theme (domain) of their themes.
    partners = content[content.index('id="partners-title"') :]
    space = partners.index('<h3 class="utrecht-heading-3">Openbare ruimte</h3>')
    social = partners.index('<h3 class="utrecht-heading-3">Sociaal domein</h3>')
    # Domains in alphabetical order, each with its partners.
    assert space < partners.index("Afvalbedrijf Regio") < social
    assert social < partners.index("Schuldhulp Samen")
    assert reverse("public:partner", args=["schuldhulp-samen"]) in content
    assert reverse("public:partner", args=["afvalbedrijf"]) in content
    # Inactive partners are not shown.
    assert "Oud Bedrijf" not in content
    assert "14 0999" in content  # the municipality's phone, in the footer too


def test_partner_without_theme_is_listed_under_other(client, public_org):
    public_org.other_partner.themes.clear()
    content = page(client, reverse("public:home"))
    assert "Overige organisaties" in content
    assert content.index("Overige organisaties") < content.index("Afvalbedrijf Regio")


def test_public_navigation_and_footer(client, public_org):
    content = page(client, reverse("public:home"))
    for url in (reverse("public:home"), reverse("public:route"), reverse("public:complaint")):
        assert f'href="{url}"' in content
    assert 'aria-current="page">Klachtenwijzer' in content
    assert reverse("public:privacy") in content
    assert reverse("login") in content  # staff login, small in the footer
    assert "mailto:klachten@testwijk.invalid" in content
    assert 'href="tel:140999"' in content
    assert "vangnet/public.css" in content
    try:
        status_request = reverse("public:status_request")
    except Exception:  # the status pages are built separately
        status_request = None
    if status_request:
        assert f'href="{status_request}"' in content
        assert "Mijn klacht volgen" in content


# --- Search ---------------------------------------------------------------------------


def test_search_by_synonym_finds_theme_and_partner(client, public_org):
    content = page(client, reverse("public:home") + "?q=vuilnis")
    results = content[content.index('id="results-title"') :]
    assert "Afval" in results
    assert reverse("public:partner", args=["afvalbedrijf"]) in results
    assert "Schuldhulp Samen" not in results.split('id="partners-title"')[0]
    assert 'value="vuilnis"' in content  # the query stays in the box


@pytest.mark.parametrize(
    "query", ["Vuilnis", "VUILNISZAK", "containers", "afval", "Afvalbedrijf", "Container’s"]
)
def test_search_is_forgiving(public_org, query):
    result = search.search(query)
    assert public_org.other_partner in [hit.partner for hit in result.partners], query


@pytest.mark.parametrize("query", ["schulden", "Schuld", "geldzorgen", "schuldhulp"])
def test_search_finds_debt_help(public_org, query):
    result = search.search(query)
    assert public_org.debt in [hit.theme for hit in result.themes], query
    assert public_org.partner in [hit.partner for hit in result.partners], query


def test_search_finds_partner_by_public_tasks_and_theme_without_partner(public_org):
    result = search.search("huishoudelijke hulp")
    assert public_org.care_partner in [hit.partner for hit in result.partners]
    Theme = type(public_org.youth)
    Theme.objects.create(
        name="Burgerzaken",
        slug="burgerzaken",
        parent=public_org.public_space,
        synonyms="paspoort, rijbewijs",
    )
    result = search.search("paspoorten")
    assert [hit.theme.name for hit in result.themes] == ["Burgerzaken"]
    assert result.themes[0].partners == []


def test_search_leaves_out_inactive_partners_and_themes(public_org):
    public_org.other_partner.is_active = False
    public_org.other_partner.save()
    result = search.search("afval")
    assert public_org.other_partner not in [hit.partner for hit in result.partners]
    assert search.search("oud thema").themes == []


def test_search_without_result_is_helpful(client, public_org):
    content = page(client, reverse("public:home") + "?q=xyzzy")
    assert "We hebben niets gevonden bij ‘xyzzy’" in content
    results = content[content.index('id="results-title"') : content.index('id="partners-title"')]
    assert reverse("public:route") in results
    assert reverse("public:complaint") in results
    assert "#partners-title" in results
    assert "https://www.testwijk.invalid/melding" in results  # a report is not a complaint


def test_empty_search_asks_for_a_word(client, public_org):
    content = page(client, reverse("public:home") + "?q=+de+")
    assert "Typ in het zoekvak een woord" in content


def test_search_ignores_markup_and_very_long_queries(client, public_org):
    response = client.get(reverse("public:home"), {"q": "<script>alert(1)</script>" * 20})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_search_matching_rules():
    assert search.normalise("Cliënt’s  WMO-voorziening!") == "clients wmo voorziening"
    assert {"schuld"} <= search.variants("schulden")
    assert {"boom"} <= search.variants("bomen")
    assert {"parkeer"} <= search.variants("parkeren")
    assert {"brief"} <= search.variants("brieven")
    assert {"zak"} <= search.variants("zakken")
    assert {"container"} <= search.variants("containers")
    assert search.words("Mijn klacht over de gemeente en het afval") == ["afval"]


def test_search_finds_everyday_words_in_the_demo_data(db):
    call_command("load_demo", complaints=0, stdout=None)
    for query, expected_partner in [
        ("afval", "Afvalbedrijf Vangland"),
        ("schulden", "Stichting Schuldhulp Vangstad"),
        ("jeugdzorg", "Jeugdhulp De Kompasroos"),
        ("Wmo", "Thuiszorg De Lindeboom"),
        ("parkeren", "Parkeerservice Vangstad"),
        ("vuilnis", "Afvalbedrijf Vangland"),
        ("scootmobielen", "Hulpmiddelencentrum Mobiel Vangland"),
    ]:
        result = search.search(query)
        assert expected_partner in [hit.partner.name for hit in result.partners], query
        assert result.themes, query


def test_search_runs_a_fixed_number_of_queries(public_org, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        search.search("afval schulden")


# --- Partner pages --------------------------------------------------------------------


def test_partner_page_shows_every_channel(client, public_org):
    url = reverse("public:partner", args=["schuldhulp-samen"])
    assert url == "/organisaties/schuldhulp-samen/"
    content = page(client, url)
    assert content.count("<h1") == 1
    assert '<h1 class="utrecht-heading-1">Schuldhulp Samen</h1>' in content
    assert "Schuldhulpverlening" in content  # public tasks
    assert 'href="mailto:klachten@schuldhulp.invalid"' in content
    assert 'href="tel:0123112233"' in content
    assert "Postbus 77<br>1234 AB Testwijk" in content
    assert 'href="https://www.schuldhulp.invalid/klacht"' in content
    assert "Bespreek uw klacht eerst met uw schuldhulpverlener." in content
    assert "binnen 6 weken antwoord" in content


def test_partner_page_links_to_the_municipality_when_not_heard_or_not_cooperating(
    client, public_org
):
    content = page(client, reverse("public:partner", args=["schuldhulp-samen"]))
    assert "Niet gehoord?" in content
    assert reverse("public:complaint") + "?partner=schuldhulp-samen&gehoord=nee" in content
    assert "Werken organisaties niet goed samen?" in content
    assert reverse("public:complaint") + "?soort=samenwerking&partner=schuldhulp-samen" in content
    assert "U kunt altijd bij de gemeente terecht" in content


def test_partner_page_shows_only_the_channels_there_are(client, public_org):
    content = page(client, reverse("public:partner", args=["afvalbedrijf"]))
    assert 'href="tel:0101234567"' in content
    assert "mailto:" not in content.split("<footer")[0]
    assert "Klachtenformulier" not in content
    assert "Per brief" not in content
    assert "vertrouwenspersoon" not in content.lower()


def test_partner_page_explains_the_confidential_adviser(client, public_org):
    content = page(client, reverse("public:partner", args=["thuiszorg-linde"]))
    assert "Hulp van een vertrouwenspersoon" in content
    assert "Wmo" in content
    assert "Vertrouwenspersoon Wmo<br>Telefoon 0123-45 67 89" in content
    assert 'href="mailto:vp@steun.invalid"' in content


@pytest.mark.parametrize("slug", ["bestaat-niet", "oud-bedrijf"])
def test_unknown_or_inactive_partner_is_not_found(client, public_org, slug):
    response = client.get(reverse("public:partner", args=[slug]))
    assert response.status_code == 404
    content = html.unescape(response.content.decode())
    assert "Organisatie niet gevonden" in content
    assert reverse("public:complaint") in content  # the municipality is always there


def test_home_runs_a_fixed_number_of_queries(client, public_org, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("public:home"), {"q": "afval"})


def test_preselection_links_fill_in_the_form(client, public_org):
    content = page(client, reverse("public:complaint") + "?partner=schuldhulp-samen&gehoord=nee")
    assert re.search(r'value="organisatie"[^>]*checked', content)
    assert re.search(r'<option value="schuldhulp-samen" selected>', content)
    assert re.search(rf'value="{TRIED_YES}"[^>]*checked', content)

    content = page(
        client, reverse("public:complaint") + "?soort=samenwerking&partner=schuldhulp-samen"
    )
    assert re.search(r'value="samenwerking"[^>]*checked', content)
    assert re.search(r'value="schuldhulp-samen"[^>]*checked', content)

    content = page(client, reverse("public:complaint") + "?partner=oud-bedrijf&soort=onzin")
    assert "checked" not in content.split('id="fieldset-what"')[0]
