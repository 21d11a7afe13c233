"""Small pieces of HTTP shared by the pages."""

from functools import wraps


def private_page(view):
    """A page whose address holds a secret (status link, reply link, survey link): not
    cached, not indexed, the address never sent on to another site. The referrer policy
    is `same-origin`, not `no-referrer`: under `no-referrer` a browser sends
    `Origin: null` with the page's own forms, which Django's CSRF check refuses."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper
