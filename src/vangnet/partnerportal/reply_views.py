"""The reply link without an account (`/partner/antwoord/<token>/`): a partner answers
a forwarded complaint from the e-mail. The token is the authorization, resolved again on
every request (`vangnet.handling.forwarding`). An unknown or replaced token gets a
friendly 404 page; once the partner replied, the page shows what was sent.

These pages hold personal data: never cached, the address never sent on to another site.
The referrer policy is `same-origin`, not `no-referrer`: under `no-referrer` a browser
sends `Origin: null` with a form's POST, even to the same site, and Django's CSRF check
refuses it ("Origin checking failed"). `same-origin` still never hands the address (with
the token) to another site.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import apply_service_errors
from vangnet.core.http import private_page
from vangnet.handling import forwarding
from vangnet.handling.guard import perform

from .forms import ReplyForm


def already_replied(error: ValidationError) -> bool:
    """Whether the service refused a reply because the forward was answered already."""
    return hasattr(error, "error_dict") and "forward" in error.error_dict


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerportal/reply_not_found.html", status=404)


@private_page
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, token: str) -> HttpResponse:
    forward = forwarding.resolve_reply_token(token)
    if forward is None:
        return _not_found(request)
    if forward.replied_at is not None:
        return render(request, "partnerportal/reply_sent.html", {"forward": forward})
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, auto_id="reply_%s")
        if form.is_valid():
            try:
                perform(
                    "partner_reply",
                    actor=None,
                    complaint=forward.complaint,
                    data={**form.cleaned_data, "forward": forward},
                )
            except ValidationError as error:
                if already_replied(error):  # a double click, a second tab
                    return redirect("partnerportal:reply_sent", token=token)
                apply_service_errors(form, error)
            else:
                return redirect("partnerportal:reply_sent", token=token)
        status = 400
    else:
        form = ReplyForm(auto_id="reply_%s")
    return render(
        request,
        "partnerportal/reply.html",
        {"forward": forward, "complaint": forward.complaint, "form": form, "token": token},
        status=status,
    )


@private_page
@require_GET
def reply_sent(request: HttpRequest, token: str) -> HttpResponse:
    forward = forwarding.resolve_reply_token(token)
    if forward is None:
        return _not_found(request)
    if forward.replied_at is None:
        return redirect("partnerportal:reply", token=token)
    return render(request, "partnerportal/reply_sent.html", {"forward": forward, "just_sent": True})
