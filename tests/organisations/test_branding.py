"""The municipality's logo comes from configuration and shows on every page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_logo_upload_shows_in_the_header(client, org, users):
    assert client.get(reverse("logo")).status_code == 404
    assert 'src="/logo/' not in client.get(reverse("public:home")).content.decode()

    client.force_login(users.administrator)
    url = reverse("admin:organisations_municipality_change", args=[org.municipality.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "logo"}
    data.update({"inhabitant_counts-TOTAL_FORMS": 0, "inhabitant_counts-INITIAL_FORMS": 0})

    bad = client.post(url, {**data, "logo": SimpleUploadedFile("logo.svg", b"<svg onload=x>")})
    assert "PNG- of JPG" in str(bad.context["adminform"].form.errors["logo"])

    ok = client.post(url, {**data, "logo": SimpleUploadedFile("logo.png", PNG)})
    assert ok.status_code == 302
    client.logout()
    assert 'src="/logo/' in client.get(reverse("public:home")).content.decode()
    response = client.get(reverse("logo"))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
