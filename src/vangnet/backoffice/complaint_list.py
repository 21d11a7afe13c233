"""The complaint list: the filters, sorting and search of `complaints.filters` (shared
with the API), paged, scoped to what the user may see."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.complaints import selectors
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import Complaint, Kind
from vangnet.core.forms import style_form
from vangnet.core.permissions import require
from vangnet.organisations.models import Theme

from .rows import page_size, with_urgency


def _theme_label(theme: Theme) -> str:
    return (
        f"— {theme.name}"
        if theme.parent_id
        else _("%(theme)s (met subthema's)") % {"theme": theme.name}
    )


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "complaints.list_complaints")
    base = selectors.for_list(selectors.visible_complaints(user))
    filterset = ComplaintFilter(request.GET, queryset=base)
    form = style_form(filterset.form)
    form.fields["q"].label = _("Zoek op kenmerk, naam of woorden")
    # Main theme first, its sub-themes below it (the filter includes sub-themes).
    theme_field = form.fields["theme"]
    theme_field.queryset = (
        Theme.objects.select_related("parent")
        .annotate(main_name=Coalesce(F("parent__name"), F("name")))
        .order_by("main_name", F("parent_id").asc(nulls_first=True), "name")
    )
    theme_field.label_from_instance = _theme_label

    valid = filterset.is_valid()
    rows = filterset.qs if valid else Complaint.objects.none()
    paginator = Paginator(rows, page_size())
    page = paginator.get_page(request.GET.get("page"))
    window = selectors.urgency_window()
    context = {
        "filter": filterset,
        "form": form,
        "valid": valid,
        "page": page,
        "rows": with_urgency(page.object_list, window),
        "count": paginator.count,
        "count_label": ngettext("%(count)s klacht", "%(count)s klachten", paginator.count)
        % {"count": paginator.count},
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        # The kind column only matters when other kinds than complaints can be listed.
        "show_kind": not (valid and filterset.form.cleaned_data.get("kind") == Kind.COMPLAINT),
    }
    return render(request, "backoffice/complaint_list.html", context)
