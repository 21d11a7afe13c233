"""Keeps a user who logged in with a password but has not given a code yet (see
`second_factor.needs_second_factor`) on the code and enrolment pages. Install it after
django-otp's OTPMiddleware, which tells whether the session is verified."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication, get_authorization_header

from . import second_factor

# Pages an unverified user may still open: the way in and out, and the language switch.
ALLOWED_VIEWS = {"login", "logout", "set_language", "logo", "accounts:verify", "accounts:enrol"}


def _uses_api_token(request: HttpRequest) -> bool:
    """The request carries `Authorization: Token <key>`. DRF then authenticates with the
    token alone (a wrong token is refused; it never falls back to the session)."""
    words = get_authorization_header(request).split()
    return bool(words) and words[0].lower() == TokenAuthentication.keyword.lower().encode()


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name in ALLOWED_VIEWS:
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        is_api = bool(match.namespaces) and match.namespaces[0] == "api"
        if is_api and _uses_api_token(request):
            # An API token is the API's credential for systems, not a person's login: it is
            # issued by an administrator (`api_token`) and has no second factor.
            return None
        if not second_factor.needs_second_factor(request):
            return None
        if is_api:
            # The API through a browser session: that session must be complete first.
            return JsonResponse(
                {"detail": _("Log eerst in met de code uit uw authenticator-app.")},
                status=403,
            )
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return redirect(second_factor.step_url("accounts:verify", next_url))
