"""Back-office actions on e-mail in the outbox: a coordinator sends a failed e-mail
again (the button in `backoffice/includes/failed_emails.html`). Thin: the rules are in
`vangnet.letters.outbox.resend`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.complaints import selectors
from vangnet.letters import outbox
from vangnet.letters.models import OutboxMessage


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def email_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a failed e-mail again. 404 when it is about a complaint the user cannot see
    (no difference between 'does not exist' and 'not yours'), 403 without the
    permission; then back to where the button was (or the complaint's page)."""
    message = get_object_or_404(OutboxMessage.objects.select_related("complaint"), pk=pk)
    if message.complaint_id is not None:
        if not selectors.visible_complaints(request.user).filter(pk=message.complaint_id).exists():
            raise Http404
        fallback = reverse("backoffice:complaint_detail", args=[message.complaint_id])
    else:
        fallback = reverse("backoffice:my_work")
    try:
        outbox.resend(actor=request.user, message=message)  # PermissionDenied → 403
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("De e-mail '%(subject)s' aan %(to)s wordt opnieuw verstuurd.")
            % {"subject": message.subject, "to": message.to},
        )
    return _back(request, fallback)
