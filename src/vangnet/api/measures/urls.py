from django.urls import path

from .views import CauseList, ComplaintLesson, MeasureDetail, MeasureList

urlpatterns = [
    path("causes/", CauseList.as_view(), name="cause-list"),
    path("complaints/<int:pk>/lesson/", ComplaintLesson.as_view(), name="complaint-lesson"),
    path("measures/", MeasureList.as_view(), name="measure-list"),
    path("measures/<int:pk>/", MeasureDetail.as_view(), name="measure-detail"),
]
