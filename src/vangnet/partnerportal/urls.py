"""The partner portal, mounted at /partner/ (namespace "partnerportal"): the list and
detail for signed-in partner users, and the reply link that needs no account."""

from django.urls import path

from . import views

app_name = "partnerportal"
urlpatterns = [
    path("", views.forward_list, name="list"),
    path("klachten/<int:pk>/", views.forward_detail, name="detail"),
    path("antwoord/<str:token>/", views.reply, name="reply"),
    path("antwoord/<str:token>/verstuurd/", views.reply_sent, name="reply_sent"),
    # The partners' figures (issue 5, part 5).
    path("cijfers/", views.figures_list, name="figures"),
    path("cijfers/uploaden/", views.figures_upload, name="figures_upload"),
    path("cijfers/voorbeeld.csv", views.figures_template, name="figures_template"),
    path("cijfers/overzicht/", views.figures_overview, name="figures_overview"),
    path("cijfers/herinnering/", views.figures_remind, name="figures_remind"),
    path("cijfers/inzending/<int:pk>/", views.figures_report, name="figures_report"),
    path("cijfers/<int:year>/<str:period>/", views.figures_form, name="figures_form"),
]
