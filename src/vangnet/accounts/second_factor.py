"""The second login factor (TOTP, django-otp): who must give a code, which step comes
next, and the enrolment helpers. The views, the login view and the middleware all ask
this module; none of them decides on its own.

A signed-in user must give a code from an authenticator app before using Vangnet when
- the installation requires it (`VANGNET["REQUIRE_2FA"]`), or
- the user has set up an app (voluntarily, when it is not required): remembered in the
  session at login, so a page costs no extra query to find out.
"""

import math
import xml.etree.ElementTree as ET
from base64 import b32encode
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

# Session flag: the user had a confirmed device when logging in.
HAS_DEVICE_SESSION_KEY = "vangnet_second_factor_device"
ENROLMENT_DEVICE_NAME = "Authenticator-app"


def is_required() -> bool:
    return bool(settings.VANGNET.get("REQUIRE_2FA", False))


def is_verified(user) -> bool:
    """True when this session has given a valid code. Right after `auth.login()` the
    request's user is a plain user object without django-otp's `is_verified`: unverified."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def remember_device_at_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: note in the new session whether the user has an app set
    up, so every login (the login page, the admin's login page) is followed by the code."""
    if request is not None and hasattr(request, "session") and confirmed_device(user):
        request.session[HAS_DEVICE_SESSION_KEY] = True


def needs_second_factor(request) -> bool:
    """The user is signed in with a password but still has to give a code."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    return is_required() or bool(request.session.get(HAS_DEVICE_SESSION_KEY))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def next_step(request) -> str | None:
    """The name of the page the user must go through next ("accounts:verify" or
    "accounts:enrol"), or None when the user may go on."""
    if not needs_second_factor(request):
        return None
    if confirmed_device(request.user) is not None:
        return "accounts:verify"
    if is_required():
        return "accounts:enrol"
    return None  # the app was removed (reset_2fa) since login and it is not required


def step_url(step: str, next_url: str = "") -> str:
    url = reverse(step)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def forget_device(request) -> None:
    request.session.pop(HAS_DEVICE_SESSION_KEY, None)


# --- Enrolment ------------------------------------------------------------------------


def enrolment_device(user) -> TOTPDevice:
    """The user's unconfirmed device: created on the first visit of the enrolment page and
    reused after that (a reload shows the same QR code). The user's row is locked so two
    tabs cannot create two devices."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name=ENROLMENT_DEVICE_NAME, confirmed=False
            )
    return device


@transaction.atomic
def confirm_device(device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.devices_for_user(device.user, confirmed=False).exclude(pk=device.pk).delete()


def issuer(municipality_name: str = "") -> str:
    """The name the authenticator app shows above the code (no colon: it separates issuer
    and account in the otpauth URL)."""
    name = f"Vangnet {municipality_name}".strip()
    return name.replace(":", "")


def otpauth_url(device: TOTPDevice, issuer_name: str) -> str:
    """The key URI the app reads from the QR code (Google Authenticator's Key Uri Format,
    as django-otp's `config_url` but with Vangnet's issuer)."""
    label = f"{issuer_name}:{device.user.get_username()}"
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode().rstrip("="),
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        }
    )
    return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer_name)}"


def secret_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into the app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str, *, title: str, title_id: str = "qr-code-title") -> SafeString:
    """The QR code as an inline SVG (rendered here, no JavaScript), named for assistive
    technology by its <title>. SvgPathFillImage is SvgPathImage on a white background, so
    the code scans on any page colour."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=4,
    )
    svg = image.get_image()
    svg.set("width", "224")
    svg.set("height", "224")
    svg.set("role", "img")
    svg.set("aria-labelledby", title_id)
    svg.set("focusable", "false")
    title_element = ET.Element("title", id=title_id)
    title_element.text = title
    svg.insert(0, title_element)
    # Built from our own data by ElementTree, which escapes the text: safe to inline.
    return mark_safe(ET.tostring(svg, encoding="unicode"))


# --- Throttling -----------------------------------------------------------------------


def throttle_message(info: dict | None) -> str:
    """django-otp's throttling (a wait that doubles after each wrong code) in plain Dutch."""
    locked_until = (info or {}).get("locked_until")
    if locked_until is None:
        return _("U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw.")
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    if seconds < 60:
        return ngettext(
            "U heeft te vaak een verkeerde code ingevuld. Wacht %(count)d seconde en "
            "probeer het dan opnieuw.",
            "U heeft te vaak een verkeerde code ingevuld. Wacht %(count)d seconden en "
            "probeer het dan opnieuw.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "U heeft te vaak een verkeerde code ingevuld. Wacht %(count)d minuut en "
        "probeer het dan opnieuw.",
        "U heeft te vaak een verkeerde code ingevuld. Wacht %(count)d minuten en "
        "probeer het dan opnieuw.",
        minutes,
    ) % {"count": minutes}
