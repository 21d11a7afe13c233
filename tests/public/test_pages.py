"""The privacy page and the public base layout."""

import html

from django.urls import reverse


def test_privacy_page(client, public_org):
    response = client.get(reverse("public:privacy"))
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert content.count("<h1") == 1
    for words in ("5 jaar", "10 jaar", "1 jaar", "Uw rechten", "Autoriteit Persoonsgegevens"):
        assert words in content
    assert "klachten@testwijk.invalid" in content
    assert "14 0999" in content


def test_public_pages_use_the_public_layout(client, public_org):
    for url in (
        reverse("public:home"),
        reverse("public:route"),
        reverse("public:complaint"),
        reverse("public:privacy"),
        reverse("public:partner", args=["schuldhulp-samen"]),
    ):
        content = client.get(url).content.decode()
        assert content.count("<h1") == 1, url
        assert 'class="vangnet-header__brand" href="/"' in content, url
        assert "Klachtenwijzer" in content, url
        assert '<html lang="nl"' in content, url
