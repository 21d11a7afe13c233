"""Lessons and improvement measures (issue 6, part 1), included by `learning/urls.py`
under /backoffice/leren/ in the "learning" namespace."""

from django.urls import path

from . import views_measures as views

urlpatterns = [
    path("maatregelen/", views.measure_list, name="measures"),
    path("maatregelen/nieuw/", views.measure_create, name="measure_create"),
    path("maatregelen/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("maatregelen/<int:pk>/wijzigen/", views.measure_edit, name="measure_edit"),
    path("lessen/<int:complaint_pk>/", views.lesson_edit, name="lesson_edit"),
]
