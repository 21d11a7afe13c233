from django.urls import path

from .views import ApprovalListView

urlpatterns = [
    path("approvals/", ApprovalListView.as_view(), name="approvals-list"),
]
