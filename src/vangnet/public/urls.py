"""The resident site, at the root of the site (namespace "public")."""

from django.urls import include, path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisaties/<slug:slug>/", views.partner_detail, name="partner"),
    path("waar-kan-ik-terecht/", views.route, name="route"),
    path("klacht-indienen/", views.complaint, name="complaint"),
    path("klacht-indienen/ontvangen/<str:token>/", views.confirmation, name="confirmation"),
    path("privacy/", views.privacy, name="privacy"),
    path("status/", include("vangnet.public.status_urls")),
]
