"""'Mijn werk' for the coordinator: unassigned complaints per open state, e-mail that did
not arrive, unhappy complainants and partners that did not reply; and the partner
user's way to the partner portal."""

from datetime import date, timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vangnet.complaints.models import Forward
from vangnet.complaints.workflow import State
from vangnet.letters.models import OutboxMessage

from .conftest import forward

pytestmark = pytest.mark.django_db

MY_WORK = reverse("backoffice:my_work")
LIST = reverse("backoffice:complaint_list")


def page(client, user):
    client.force_login(user)
    response = client.get(MY_WORK)
    assert response.status_code == 200
    return response.content.decode()


def test_unassigned_complaints_per_open_state(client, users, bulk_complaints):
    bulk_complaints(2)
    bulk_complaints(3, state=State.ACKNOWLEDGED)
    bulk_complaints(1, state=State.HEARING_PLANNED)
    bulk_complaints(4, state=State.CLOSED, closed_on=date.today())
    bulk_complaints(5, state=State.ACKNOWLEDGED, handler=users.handler)
    html = page(client, users.coordinator)
    assert '<span class="vangnet-card__number">6</span>' in html
    assert f"{LIST}?kind=complaint&amp;state=received&amp;unassigned=on" in html
    assert "Ontvangen: 2</a>" in html
    assert "Ontvangst bevestigd: 3</a>" in html
    assert "Hoorzitting gepland: 1</a>" in html
    assert "Afgesloten:" not in html
    assert "Formele behandeling:" not in html  # no complaint in that state


def test_failed_email_is_shown_with_a_resend_button(client, users, make_complaint):
    complaint = make_complaint()
    about = OutboxMessage.objects.create(
        to="fatima@example.invalid",
        subject="Wij hebben uw klacht ontvangen",
        text="...",
        complaint=complaint,
        state=OutboxMessage.State.FAILED,
        last_error="550 5.1.1 mailbox unavailable",
    )
    digest = OutboxMessage.objects.create(
        to="coordinator@testwijk.invalid",
        subject="Overzicht termijnen",
        text="...",
        state=OutboxMessage.State.FAILED,
        last_error="Connection refused",
    )
    OutboxMessage.objects.create(
        to="ok@example.invalid", subject="Verstuurd", text="...", complaint=complaint
    )
    html = page(client, users.coordinator)
    assert "550 5.1.1 mailbox unavailable" in html
    assert "Connection refused" in html
    assert "Verstuurd</td>" not in html
    for message in (about, digest):
        assert reverse("backoffice:email_resend", args=[message.pk]) in html
    assert 'href="#e-mail-niet-afgeleverd"' in html
    # A handler has no such section.
    assert "550 5.1.1" not in page(client, users.handler)


def test_partners_without_a_reply_after_the_escalation(client, users, org, make_complaint):
    silent = make_complaint(description="Partner zwijgt.")
    replied = make_complaint(description="Partner antwoordde.")
    waiting = make_complaint(description="Termijn loopt nog.")
    for complaint in (silent, replied, waiting):
        forward(complaint, users.coordinator, org.partner)
    yesterday = date.today() - timedelta(days=1)
    Forward.objects.filter(complaint=silent).update(
        reminded_on=yesterday - timedelta(days=7), escalated_on=yesterday
    )
    Forward.objects.filter(complaint=replied).update(
        escalated_on=yesterday, replied_at=timezone.now(), reply_outcome="resolved"
    )
    html = page(client, users.coordinator)
    start = html.index('id="partners-zonder-antwoord"')
    section = html[start : html.index("</section>", start)]
    assert "Partners zonder antwoord (1)" in section
    assert silent.reference in section
    assert replied.reference not in section
    assert waiting.reference not in section
    assert "Partners zonder antwoord" not in page(client, users.handler)


def test_unhappy_complainants_section_for_the_coordinator(client, users, settings):
    from django.apps import apps

    if not apps.is_installed("vangnet.surveys"):
        pytest.skip("the surveys app is not installed")
    assert "Ontevreden indieners" in page(client, users.coordinator)
    assert "Ontevreden indieners" not in page(client, users.handler)


def test_partner_user_is_pointed_to_the_partner_portal(client, users, org, make_complaint):
    try:
        portal = reverse("partnerportal:list")
    except NoReverseMatch:
        pytest.skip("the partner portal has no list page yet")
    forward(make_complaint(), users.coordinator, org.partner)
    html = page(client, users.partner)
    assert f'href="{portal}"' in html
    assert "Naar het partnerportaal" in html
