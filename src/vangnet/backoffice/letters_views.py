"""Letters on the complaint page: a letter's PDF, the preview of the conclusion letter
before it is sent (rendered now, nothing stored or sent), and a letter that waits for
sign-off (or was sent back) as the signer reads it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from vangnet.complaints import selectors
from vangnet.complaints.models import Advice
from vangnet.core.permissions import require
from vangnet.handling import base
from vangnet.handling.actions.decide import latest_decision
from vangnet.letters.models import Letter
from vangnet.letters.rendering import LETTER_CSP
from vangnet.letters.services import render_letter


@login_required
def conclusion_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion letter (Awb 9:12) of the latest decision as it would be sent, as a
    PDF: nothing is stored or sent. Only while the conclusion can be sent."""
    complaint = selectors.complaint_detail(request.user, pk)
    send_conclusion = base.get("send_conclusion")
    require(request.user, send_conclusion.permission, complaint)
    decision = latest_decision(complaint)
    if send_conclusion.why_not(complaint, request.user) or decision is None:
        raise Http404
    advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
    _subject, _html, pdf = render_letter(
        kind="conclusion",
        complaint=complaint,
        context={"decision": decision, "advice": advice},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="voorbeeld-afhandelingsbrief-{complaint.reference}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter_download(request: HttpRequest, pk: int, letter_pk: int) -> FileResponse:
    """A letter on the complaint file as PDF, for the municipality's staff who may see
    the complaint (404 otherwise, as for attachments)."""
    letter = get_object_or_404(
        Letter.objects.select_related("complaint"),
        pk=letter_pk,
        complaint__in=selectors.visible_complaints(request.user).filter(pk=pk),
    )
    if not request.user.has_perm("complaints.view_timeline", letter.complaint):
        raise Http404
    if not letter.pdf:
        raise Http404
    try:
        handle = letter.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.kind}-{letter.complaint.reference}-{letter.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter_draft(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """A draft letter (awaiting sign-off or sent back) as HTML, for the staff who may see
    the complaint's file (404 otherwise)."""
    letter = get_object_or_404(
        Letter.all_objects.select_related("complaint"),
        pk=letter_pk,
        status__in=[Letter.Status.AWAITING_APPROVAL, Letter.Status.RETURNED],
        complaint__in=selectors.visible_complaints(request.user).filter(pk=pk),
    )
    if not request.user.has_perm("complaints.view_timeline", letter.complaint):
        raise Http404
    response = HttpResponse(letter.html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    # The letter's own HTML: no scripts, nothing from elsewhere but its inline logo.
    response["Content-Security-Policy"] = LETTER_CSP
    return response
