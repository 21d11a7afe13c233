from django.urls import path

from .views import PartnerFiguresDetailView, PartnerFiguresListView

urlpatterns = [
    path("partner-figures/", PartnerFiguresListView.as_view(), name="partner_figures-list"),
    path(
        "partner-figures/<int:pk>/",
        PartnerFiguresDetailView.as_view(),
        name="partner_figures-detail",
    ),
]
