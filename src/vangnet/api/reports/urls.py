from django.urls import path

from .views import ReportFiguresView

urlpatterns = [
    path("reports/figures/", ReportFiguresView.as_view(), name="report-figures"),
]
