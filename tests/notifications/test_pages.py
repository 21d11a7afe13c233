"""The notification list, marking read, the preferences page and "Mijn werk"."""

import pytest
from django.urls import reverse

from vangnet.notifications.models import Delivery, Kind, Notification, Preference
from vangnet.notifications.services import notify

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")


@pytest.fixture
def two(staff, complaint):
    made = [
        notify(Kind.ASSIGNED, complaint=complaint, text=f"Melding {n}", recipients=[staff.handler])[
            0
        ]
        for n in (1, 2)
    ]
    notify(
        Kind.ASSIGNED, complaint=complaint, text="Van een ander", recipients=[staff.other_handler]
    )
    return made


def test_the_list_shows_the_users_own_with_the_reference(client, staff, complaint, two):
    client.force_login(staff.handler)
    html = client.get(LIST).content.decode()
    assert "Melding 1" in html and "Melding 2" in html
    assert "Van een ander" not in html
    assert complaint.reference in html
    assert html.index("Melding 2") < html.index("Melding 1")  # newest first
    assert "2 ongelezen meldingen" in html


def test_mark_one_and_all_read(client, staff, two):
    client.force_login(staff.handler)
    response = client.post(reverse("notifications:mark_read", args=[two[0].pk]))
    assert response.status_code == 302
    two[0].refresh_from_db()
    assert two[0].read_at is not None
    html = client.get(LIST).content.decode()
    assert html.index("Melding 2") < html.index("Melding 1")  # unread first
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=staff.handler, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=staff.other_handler, read_at__isnull=True).exists()


def test_opening_marks_read_and_goes_to_the_complaint(client, staff, complaint, two):
    client.force_login(staff.handler)
    response = client.post(reverse("notifications:mark_read", args=[two[0].pk]), {"open": "1"})
    assert response["Location"] == reverse("backoffice:complaint_detail", args=[complaint.pk])


def test_someone_elses_is_404_and_get_is_not_allowed(client, staff, two):
    client.force_login(staff.other_handler)
    assert client.post(reverse("notifications:mark_read", args=[two[0].pk])).status_code == 404
    assert client.get(reverse("notifications:mark_read", args=[two[0].pk])).status_code == 405
    two[0].refresh_from_db()
    assert two[0].read_at is None


def test_a_partner_user_has_no_notification_pages(client, staff):
    client.force_login(staff.partner)
    assert client.get(LIST).status_code == 403
    assert client.get(PREFERENCES).status_code == 403


def test_my_work_shows_the_unread_and_the_menu_badge(client, staff, complaint, two):
    client.force_login(staff.handler)
    html = client.get(reverse("backoffice:my_work")).content.decode()
    assert 'id="meldingen"' in html
    assert "Melding 2" in html
    assert LIST in html
    assert "ongelezen meldingen" in html
    # Elsewhere the menu carries the count.
    html = client.get(reverse("backoffice:complaint_list")).content.decode()
    assert '2<span class="vangnet-visually-hidden"> ongelezen' in html


def test_preferences_page_saves_the_choices(client, staff):
    client.force_login(staff.handler)
    html = client.get(PREFERENCES).content.decode()
    assert "Meteen per e-mail" in html
    data = {kind: Delivery.APP for kind in Kind.values}
    response = client.post(PREFERENCES, data)
    assert response.status_code == 302
    assert Preference.objects.filter(user=staff.handler, delivery=Delivery.APP).count() == len(
        Kind.values
    )


def test_preferences_bad_input_shows_the_field_and_keeps_the_rest(client, staff):
    client.force_login(staff.handler)
    data = {kind: Delivery.DIGEST for kind in Kind.values}
    data[Kind.ASSIGNED] = "nooit"
    del data[Kind.DEADLINE]
    response = client.post(PREFERENCES, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {Kind.ASSIGNED, Kind.DEADLINE}
    assert "Kies hoe u deze melding wilt krijgen" in response.content.decode()
    assert form[Kind.WITHDRAWN].value() == Delivery.DIGEST  # what was chosen is kept
    assert not Preference.objects.exists()
