from django.urls import path

from .views import SecondLineCostsView, SecondLineScenariosView

urlpatterns = [
    path("second-line/costs/", SecondLineCostsView.as_view(), name="second_line-costs"),
    path("second-line/scenarios/", SecondLineScenariosView.as_view(), name="second_line-scenarios"),
]
