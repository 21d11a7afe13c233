from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose otherwise with the language switch (the cookie set by
    Django's set_language view). The browser's Accept-Language is ignored: many Dutch
    staff and residents run an English browser and still expect a Dutch municipality
    to speak Dutch."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


NUL_MESSAGE = _("Het adres bevat een NUL-teken (U+0000). Dat kan Vangnet niet lezen; haal het weg.")


class RefuseNulMiddleware:
    """A NUL character (U+0000) in the address or its query string is refused with a
    400: PostgreSQL cannot compare or store text with it, so a search, a filter or a
    look-up by it would fail as a server error. Posted text is checked on its field
    (Django's and REST framework's text fields refuse NUL; the API's JSON parser every
    string)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = str(NUL_MESSAGE)
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY (browser features Vangnet never uses: camera,
    microphone, geolocation...) as the Permissions-Policy header; empty sends nothing
    (development)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
