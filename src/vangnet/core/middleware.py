from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
