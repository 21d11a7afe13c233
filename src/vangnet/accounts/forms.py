"""The form for a code from the authenticator app, used to log in and to confirm a new
app. The code is checked against one device, with django-otp's throttling."""

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.core.forms import StyledForm

from .second_factor import throttle_message


class OneTimeCodeInput(forms.TextInput):
    """A text box that never shows what was typed again: after a wrong code the field is
    empty (a code is a secret, and the next one is different anyway)."""

    def format_value(self, value):
        return None


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("Verificatiecode"),
        help_text=_("De 6 cijfers die de app nu laat zien."),
        max_length=20,
        widget=OneTimeCodeInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Vul de code van 6 cijfers uit de app in.")},
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d+", code) or len(code) != self.device.digits:
            raise forms.ValidationError(
                _("Een code bestaat uit 6 cijfers. Vul de code in die de app nu laat zien."),
                code="format",
            )
        outcome, info = self._verify(code)
        if outcome == "throttled":
            raise forms.ValidationError(throttle_message(info), code="throttled")
        if outcome == "wrong":
            raise forms.ValidationError(
                _(
                    "Deze code is niet goed. Vul de code in die de app nu laat zien. "
                    "De code verandert elke 30 seconden."
                ),
                code="wrong",
            )
        return code

    def _verify(self, code: str) -> tuple[str, dict | None]:
        """Check the code with the device locked (two requests at once cannot both use up
        one attempt). Nothing is raised inside the transaction: a wrong code must be
        counted, not rolled back."""
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().filter(pk=self.device.pk).first()
            if device is None:  # removed meanwhile (reset_2fa)
                return "wrong", None
            allowed, info = device.verify_is_allowed()
            if not allowed:
                return "throttled", info
            if not device.verify_token(code):
                return "wrong", None
        self.device = device
        return "ok", None
