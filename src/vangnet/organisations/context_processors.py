from django.utils.functional import SimpleLazyObject

from .models import Municipality


def municipality(request):
    """The municipality's name, logo and colours for every page (queried only when used)."""
    return {"municipality": SimpleLazyObject(Municipality.current)}
