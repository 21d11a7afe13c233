"""Learning and second-line pages of the back office, included at /backoffice/leren/
with the namespace "learning". Each part has its own URL module (same namespace)."""

from django.urls import include, path

from . import views_trends

app_name = "learning"

urlpatterns = [
    # The trends ("signalen" on screen).
    path("signalen/", views_trends.trend_list, name="trends"),
    # Lessons (per complaint) and improvement measures.
    path("", include("vangnet.learning.urls_measures")),
    # Rule bottlenecks and case discussions.
    path("", include("vangnet.learning.urls_discussions")),
    # Ombudsman cases and the cost of the second line.
    path("", include("vangnet.learning.urls_second_line")),
]
