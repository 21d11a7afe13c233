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
]
