from django.urls import path

from .views import (
    BottleneckDecision,
    BottleneckDetail,
    BottleneckList,
    DiscussionDetail,
    DiscussionList,
)

urlpatterns = [
    path("bottlenecks/", BottleneckList.as_view(), name="bottleneck-list"),
    path("bottlenecks/<int:pk>/", BottleneckDetail.as_view(), name="bottleneck-detail"),
    path(
        "bottlenecks/<int:pk>/decision/",
        BottleneckDecision.as_view(),
        name="bottleneck-decision",
    ),
    path("case-discussions/", DiscussionList.as_view(), name="case-discussion-list"),
    path("case-discussions/<int:pk>/", DiscussionDetail.as_view(), name="case-discussion-detail"),
]
