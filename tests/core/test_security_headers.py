"""The security headers and the account rules a CISO checks (issue 14, item 7):

- one strict Content-Security-Policy (no inline script, no inline style but the page's
  nonce) on public pages, back-office pages and the API, in debug and in production;
- no inline script, event handler or style attribute in a sample of rendered pages,
  and the one inline <style> carries the header's nonce;
- HSTS and a Permissions-Policy in production, neither in development;
- `check --deploy` reports nothing with the README's production environment;
- a staff password needs 12 characters (the demo password still passes)."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from vangnet.complaints import statuslinks

ROOT = Path(__file__).resolve().parents[2]
STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
#: The production environment the README's "Production" section gives.
PRODUCTION_ENV = {
    "VANGNET_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2mZr9Lk4" * 4,
    "VANGNET_BASE_URL": "https://klachten.example.nl",
    "VANGNET_ALLOWED_HOSTS": "klachten.example.nl",
    "VANGNET_CSRF_TRUSTED_ORIGINS": "https://klachten.example.nl",
}
DEVELOPMENT_ENV = {"VANGNET_DEBUG": "true"}


def run_vangnet(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANGNET_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(extra_env)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )


DUMP = """
import json, vangnet.settings as s
print(json.dumps({
    "csp": s.CONTENT_SECURITY_POLICY, "middleware": s.MIDDLEWARE,
    "hsts": getattr(s, "SECURE_HSTS_SECONDS", 0),
    "hsts_subdomains": getattr(s, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False),
    "permissions": s.PERMISSIONS_POLICY,
    "ssl_redirect": getattr(s, "SECURE_SSL_REDIRECT", False),
}, default=str))
"""


def settings_in(extra_env: dict) -> dict:
    done = run_vangnet(extra_env, "-c", DUMP)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return settings_in(PRODUCTION_ENV)


@pytest.fixture(scope="module")
def development():
    return settings_in(DEVELOPMENT_ENV)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(response) -> str:
    """The policy is the strict one; returns the nonce style-src allows."""
    directives = policy(response)
    for name, values in STRICT.items():
        assert directives[name] == values, (name, response["Content-Security-Policy"])
    style = directives["style-src"]
    assert style[0] == "'self'" and len(style) <= 2, style
    assert not any("unsafe" in value for value in sum(directives.values(), [])), directives
    return style[1].removeprefix("'nonce-").removesuffix("'") if len(style) == 2 else ""


@pytest.fixture
def pages(client, make_complaint, users):
    complaint = make_complaint()
    token = statuslinks.issue_status_link(complaint)
    return complaint, token


@pytest.mark.parametrize("debug", [True, False])
def test_one_strict_policy_on_public_back_office_and_api(client, pages, users, debug):
    complaint, token = pages
    with override_settings(DEBUG=debug):
        public = client.get(reverse("public:complaint"))
        status = client.get(reverse("public:status", args=[token]))
        client.force_login(users.coordinator)
        back_office = client.get(reverse("backoffice:my_work"))
        api = client.get(f"/api/v1/complaints/{complaint.pk}/")
    for response in (public, status, back_office, api):
        assert response.status_code == 200, response
        assert_strict(response)
    assert api["Content-Type"].startswith("application/json")


def test_debug_and_production_have_the_same_policy(production, development):
    assert production["csp"] == development["csp"]
    assert "csp.middleware.CSPMiddleware" in production["middleware"]
    assert production["middleware"] == development["middleware"]


class Inline(HTMLParser):
    """Collects what a strict policy would refuse: inline script, event handlers, style
    attributes, javascript: URLs, and the nonces on inline <style>."""

    def __init__(self):
        super().__init__()
        self.refused: list[str] = []
        self.style_nonces: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_only = attributes.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and not attributes.get("src") and not data_only:
            self.refused.append(f"inline <script> {attrs}")
        if tag == "style":
            self.style_nonces.append(attributes.get("nonce") or "")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.refused.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.refused.append(f"<{tag} {name}={value!r}>")


def test_no_inline_script_or_style_in_the_sample_pages(client, pages, users):
    complaint, token = pages
    public = [
        reverse("public:complaint"),
        reverse("public:status", args=[token]),
        reverse("login"),
    ]
    back_office = [
        reverse("backoffice:my_work"),
        reverse("backoffice:complaint_detail", args=[complaint.pk]),
        reverse("reports:annual_report"),
    ]
    checked = 0
    for url in public + back_office:
        if url == back_office[0]:
            client.force_login(users.coordinator)
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = assert_strict(response)
        parser = Inline()
        parser.feed(response.content.decode())
        assert parser.refused == [], (url, parser.refused)
        assert parser.style_nonces, url  # base.html's colour
        assert all(n == nonce and nonce for n in parser.style_nonces), (url, parser.style_nonces)
        checked += 1
    assert checked == 6


def test_a_draft_letter_keeps_its_own_closed_policy():
    from vangnet.letters.rendering import LETTER_CSP, with_style_nonce

    assert "script" not in LETTER_CSP and "default-src 'none'" in LETTER_CSP

    class Request:
        csp_nonce = "abc"

    assert with_style_nonce("<style>p{}</style>", Request()) == '<style nonce="abc">p{}</style>'


def test_hsts_and_permissions_policy_in_production_only(client, org, production, development):
    assert production["hsts"] >= 365 * 24 * 3600 and production["hsts_subdomains"]
    assert production["ssl_redirect"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in production["permissions"]
    assert development["hsts"] == 0 and development["permissions"] == ""
    assert not development["ssl_redirect"]

    # The production values on a real request over https (the proxy said so).
    with override_settings(
        SECURE_HSTS_SECONDS=production["hsts"],
        SECURE_HSTS_INCLUDE_SUBDOMAINS=production["hsts_subdomains"],
        PERMISSIONS_POLICY=production["permissions"],
    ):
        response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == (
        f"max-age={production['hsts']}; includeSubDomains"
    )
    assert response["Permissions-Policy"] == production["permissions"]
    assert_strict(response)

    with override_settings(SECURE_HSTS_SECONDS=0, PERMISSIONS_POLICY=""):
        response = client.get(reverse("login"))
    assert "Strict-Transport-Security" not in response
    assert "Permissions-Policy" not in response


def test_check_deploy_is_clean_with_the_readme_production_environment():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    production = readme[readme.index("## Production") :]
    for name in PRODUCTION_ENV:
        assert name in production, name  # the README names what the test sets
    done = run_vangnet(
        PRODUCTION_ENV, "-m", "vangnet", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"System check identified no issues", done.stdout + done.stderr)
    assert "WARNINGS" not in done.stdout + done.stderr


def test_a_password_needs_twelve_characters(users):
    with pytest.raises(ValidationError) as refused:
        validate_password("kort-wachtw", user=users.coordinator)  # 11 characters
    assert any(e.code == "password_too_short" for e in refused.value.error_list)
    validate_password("lang-wachtw8", user=users.coordinator)  # 12 characters
    validate_password("vangnet-demo")  # the demo users' password
