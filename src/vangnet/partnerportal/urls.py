"""The partner portal, mounted at /partner/ (namespace "partnerportal"): the list and
detail for signed-in partner users, the reply link that needs no account, and the
partners' figures."""

from django.urls import path

from . import figures_review_views, figures_views, portal_views, reply_views

app_name = "partnerportal"
urlpatterns = [
    path("", portal_views.forward_list, name="list"),
    path("klachten/<int:pk>/", portal_views.forward_detail, name="detail"),
    path("antwoord/<str:token>/", reply_views.reply, name="reply"),
    path("antwoord/<str:token>/verstuurd/", reply_views.reply_sent, name="reply_sent"),
    # The partners' figures (issue 5, part 5).
    path("cijfers/", figures_views.figures_list, name="figures"),
    path("cijfers/uploaden/", figures_views.figures_upload, name="figures_upload"),
    path("cijfers/voorbeeld.csv", figures_views.figures_template, name="figures_template"),
    path("cijfers/overzicht/", figures_review_views.figures_overview, name="figures_overview"),
    path("cijfers/herinnering/", figures_review_views.figures_remind, name="figures_remind"),
    path("cijfers/inzending/<int:pk>/", figures_views.figures_report, name="figures_report"),
    path("cijfers/<int:year>/<str:period>/", figures_views.figures_form, name="figures_form"),
]
