from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from vangnet.accounts import views as accounts_views
from vangnet.organisations import views as organisation_views

admin.site.site_header = _("Vangnet beheer")
admin.site.site_title = "Vangnet"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("logo/", organisation_views.logo, name="logo"),
    path("login/", accounts_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("vangnet.accounts.urls")),
    path("backoffice/leren/", include("vangnet.learning.urls")),
    path("backoffice/rapportage/", include("vangnet.reports.urls")),
    path("backoffice/meldingen/", include("vangnet.notifications.urls")),
    path("backoffice/", include("vangnet.backoffice.urls")),
    path("api/", include("vangnet.api.urls")),
    path("admin/", admin.site.urls),
    path("partner/", include("vangnet.partnerportal.urls")),
    path("tevredenheid/", include("vangnet.surveys.urls")),
    path("open-data/", include("vangnet.reports.urls_public")),
    # The resident site lives at the root; staff pages are under /backoffice/.
    path("", include("vangnet.public.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
