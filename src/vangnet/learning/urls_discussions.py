"""Rule bottlenecks and case discussions (issue 6, parts 2 and 3), included by
`learning/urls.py` under /backoffice/leren/ in the "learning" namespace."""

from django.urls import path

from . import views_discussions as views

urlpatterns = [
    path("knelpunten/", views.bottleneck_list, name="bottlenecks"),
    path(
        "knelpunten/melden/<int:complaint_pk>/",
        views.bottleneck_create,
        name="bottleneck_create",
    ),
    path("knelpunten/<int:pk>/", views.bottleneck_detail, name="bottleneck_detail"),
    path("knelpunten/<int:pk>/besluit/", views.bottleneck_decide, name="bottleneck_decide"),
    path("knelpunten/<int:pk>/vervolg/", views.bottleneck_follow_up, name="bottleneck_follow_up"),
    path("casusoverleg/", views.discussion_list, name="discussions"),
    path("casusoverleg/nieuw/", views.discussion_create, name="discussion_create"),
    path("casusoverleg/<int:pk>/", views.discussion_detail, name="discussion_detail"),
    path("casusoverleg/<int:pk>/wijzigen/", views.discussion_edit, name="discussion_edit"),
    path("casusoverleg/<int:pk>/verslag.pdf", views.discussion_minutes, name="discussion_minutes"),
]
