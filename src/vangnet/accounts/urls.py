from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("verificatiecode/", views.verify, name="verify"),
    path("tweestapsverificatie/", views.overview, name="overview"),
    path("tweestapsverificatie/instellen/", views.enrol, name="enrol"),
]
