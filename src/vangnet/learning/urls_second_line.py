"""Ombudsman cases and the cost of the second line (issue 6, parts 5 and 6), included by
`learning/urls.py` under /backoffice/leren/ in the "learning" namespace."""

from django.urls import path

from . import views_ombudsman, views_second_line_costs

urlpatterns = [
    path("ombudsman/", views_ombudsman.ombudsman_cases, name="ombudsman_cases"),
    path("ombudsman/nieuw/", views_ombudsman.ombudsman_case_create, name="ombudsman_case_create"),
    path(
        "ombudsman/<int:pk>/", views_ombudsman.ombudsman_case_detail, name="ombudsman_case_detail"
    ),
    path(
        "ombudsman/<int:pk>/wijzigen/",
        views_ombudsman.ombudsman_case_edit,
        name="ombudsman_case_edit",
    ),
    path(
        "ombudsman/<int:pk>/aanbeveling/",
        views_ombudsman.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "ombudsman/aanbevelingen/<int:pk>/reactie/",
        views_ombudsman.recommendation_respond,
        name="recommendation_respond",
    ),
    path("tweede-lijn/", views_second_line_costs.second_line_costs, name="second_line_costs"),
    path(
        "tweede-lijn/teksten/", views_second_line_costs.second_line_texts, name="second_line_texts"
    ),
]
