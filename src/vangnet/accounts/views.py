"""Staff login with a second factor.

1. `LoginView` (Django's, username + password; django-axes locks out guessing) sends the
   user on to the next step of `second_factor.next_step`.
2. `verify`: a code from the app of a user who has one set up.
3. `enrol`: set up an app (required, or voluntarily from `overview`).
`SecondFactorMiddleware` keeps an unverified user on these pages.
"""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from vangnet.organisations.models import Municipality

from . import second_factor
from .forms import CodeForm


class LoginView(auth_views.LoginView):
    """Django's login view; after the password it goes to the code or to enrolment when
    needed (with the original destination kept as `next`)."""

    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        step = second_factor.next_step(self.request)
        return second_factor.step_url(step, url) if step else url


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: a safe `next` from the form or the query string, or the
    start page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _log_in_with(request: HttpRequest, device) -> None:
    # A new session key when the login is complete, as Django does at the password.
    request.session.cycle_key()
    django_otp.login(request, device)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if second_factor.is_verified(request.user):
        return redirect(next_url)
    device = second_factor.confirmed_device(request.user)
    if device is None:
        if second_factor.is_required():
            return redirect(second_factor.step_url("accounts:enrol", next_url))
        second_factor.forget_device(request)
        return redirect(next_url)

    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        _log_in_with(request, form.device)
        return redirect(next_url)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if second_factor.confirmed_device(user) is not None:
        if second_factor.is_verified(user):
            messages.info(request, _("Tweestapsverificatie staat al aan voor uw account."))
            return redirect("accounts:overview")
        # Someone with only the password must not replace the app: ask for its code.
        return redirect(second_factor.step_url("accounts:verify", next_url))

    device = second_factor.enrolment_device(user)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        second_factor.confirm_device(form.device)
        _log_in_with(request, form.device)
        messages.success(
            request,
            _(
                "Tweestapsverificatie staat aan. Vanaf nu vult u bij het inloggen na uw "
                "wachtwoord een code uit de app in."
            ),
        )
        return redirect(next_url)

    issuer = second_factor.issuer(Municipality.current().name)
    context = {
        "form": form,
        "next": next_url,
        "required": second_factor.is_required(),
        "account_name": f"{issuer} ({user.get_username()})",
        "qr_code": second_factor.qr_code_svg(
            second_factor.otpauth_url(device, issuer),
            title=_("QR-code om Vangnet toe te voegen aan uw authenticator-app"),
        ),
        "secret": second_factor.secret_groups(device),
    }
    return render(request, "accounts/enrol.html", context)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The "Tweestapsverificatie" page: is it on, and the way to switch it on."""
    context = {
        "device": second_factor.confirmed_device(request.user),
        "required": second_factor.is_required(),
    }
    return render(request, "accounts/overview.html", context)
