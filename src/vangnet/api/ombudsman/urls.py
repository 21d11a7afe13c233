from django.urls import path

from .views import (
    OmbudsmanCaseDetailView,
    OmbudsmanCaseListView,
    RecommendationCreateView,
    RecommendationResponseView,
)

urlpatterns = [
    path("ombudsman-cases/", OmbudsmanCaseListView.as_view(), name="ombudsman_cases-list"),
    path(
        "ombudsman-cases/<int:pk>/",
        OmbudsmanCaseDetailView.as_view(),
        name="ombudsman_cases-detail",
    ),
    path(
        "ombudsman-cases/<int:pk>/recommendations/",
        RecommendationCreateView.as_view(),
        name="ombudsman_cases-recommendations",
    ),
    path(
        "recommendations/<int:pk>/",
        RecommendationResponseView.as_view(),
        name="recommendations-detail",
    ),
]
