from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import Municipality, logo_content_type


@require_GET
@cache_control(public=True, max_age=86400)
def logo(request):
    """The municipality's logo for every page (uploads are not served from MEDIA_URL)."""
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None or not municipality.logo:
        raise Http404
    try:
        handle = municipality.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type=logo_content_type(handle) or "image/png")
