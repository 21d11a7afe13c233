"""Report pages of the back office, included at /backoffice/rapportage/ with the
namespace "reports"."""

from django.urls import path

from . import views, views_dashboard, views_texts

app_name = "reports"

urlpatterns = [
    path("jaarverslag/", views.annual_report, name="annual_report"),
    path("jaarverslag/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
    path("jaarverslag/teksten/", views_texts.report_texts, name="report_texts"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
]
