"""Attachments on the complaint page: streamed to who may see the complaint, every
opening on the record (`complaints.services.record_attachment_download`)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from vangnet.complaints import selectors, services
from vangnet.complaints.models import Attachment


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Stream an attachment to someone who may see its complaint (404 otherwise: no
    difference between 'does not exist' and 'not yours'). Files are never served from
    MEDIA_URL."""
    attachment = get_object_or_404(
        Attachment,
        pk=attachment_pk,
        complaint__in=selectors.visible_complaints(request.user).filter(pk=pk),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.record_attachment_download(actor=request.user, attachment=attachment)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response
