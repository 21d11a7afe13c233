"""Ombudsman cases and the cost of the second line (issue 6, parts 5 and 6), included by
`learning/urls.py` under /backoffice/leren/ in the "learning" namespace."""

from django.urls import path

from . import views_second_line as views

urlpatterns = [
    path("ombudsman/", views.ombudsman_cases, name="ombudsman_cases"),
    path("ombudsman/nieuw/", views.ombudsman_case_create, name="ombudsman_case_create"),
    path("ombudsman/<int:pk>/", views.ombudsman_case_detail, name="ombudsman_case_detail"),
    path("ombudsman/<int:pk>/wijzigen/", views.ombudsman_case_edit, name="ombudsman_case_edit"),
    path(
        "ombudsman/<int:pk>/aanbeveling/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "ombudsman/aanbevelingen/<int:pk>/reactie/",
        views.recommendation_respond,
        name="recommendation_respond",
    ),
    path("tweede-lijn/", views.second_line_costs, name="second_line_costs"),
    path("tweede-lijn/teksten/", views.second_line_texts, name="second_line_texts"),
]
