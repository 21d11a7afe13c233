"""Figures for coordinator and viewer: counts per year by state, theme and channel."""

import re
from datetime import date

import pytest
from django.urls import reverse

from vangnet.complaints.models import Channel, Kind
from vangnet.complaints.workflow import Outcome, State

pytestmark = pytest.mark.django_db

FIGURES = reverse("backoffice:figures")


@pytest.fixture
def as_viewer(client, users):
    client.force_login(users.viewer)
    return client


def cell(html, label):
    """The number in the row headed `label` (first table that has it)."""
    match = re.search(
        rf">{re.escape(label)}</th>\s*(?:<td[^>]*>[^<]*</td>\s*)*?<td[^>]*vangnet-numeric[^>]*>"
        rf"(?:<strong>)?(\d+)",
        html,
    )
    assert match, label
    return int(match.group(1))


def test_figures_of_a_year_by_state_theme_and_channel(as_viewer, org, bulk_complaints):
    year = date.today().year
    bulk_complaints(3, received_on=date(year, 1, 10), channel=Channel.PHONE)
    bulk_complaints(
        2,
        received_on=date(year, 2, 1),
        state=State.CLOSED,
        closed_on=date(year, 3, 1),
        outcome=Outcome.UNFOUNDED,
        theme=org.debt,
    )
    bulk_complaints(4, received_on=date(year - 1, 6, 1))
    bulk_complaints(
        1,
        kind=Kind.REPORT,
        received_on=date(year, 1, 5),
        state=State.CLOSED,
        closed_on=date(year, 1, 5),
        decide_by=None,
    )
    response = as_viewer.get(FIGURES)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="utrecht-heading-1">Cijfers {year}</h1>' in html
    assert response.context["figures"]["received"] == 5
    assert response.context["figures"]["not_complaints"] == 1
    assert cell(html, "Ontvangen") == 3
    assert cell(html, "Afgesloten") == 2
    assert cell(html, "Telefoon") == 3
    assert cell(html, "E-mail") == 2
    assert cell(html, "Openbare ruimte") == 3
    assert cell(html, "Sociaal domein") == 2
    assert f'<option value="{year - 1}">' in html  # earlier years can be chosen

    last_year = as_viewer.get(FIGURES, {"jaar": year - 1})
    assert last_year.context["year"] == year - 1
    assert last_year.context["figures"]["received"] == 4


@pytest.mark.parametrize("bad", ["abc", "1800", "99999", "2026.5", "-1"])
def test_bad_year_shows_this_year_with_a_message(as_viewer, bad):
    response = as_viewer.get(FIGURES, {"jaar": bad})
    assert response.status_code == 200
    assert response.context["year"] == date.today().year
    assert "geen jaar waarover we cijfers hebben" in response.content.decode()
