"""Open data: the published figures of the annual report, public and without login,
included at /open-data/ with the namespace "open_data". The file URLs are stable:
/open-data/klachten-<year>.csv|json|xlsx (?orgaan=<body id> for one body)."""

from django.urls import path, re_path

from . import views_open_data

app_name = "open_data"

urlpatterns = [
    path("", views_open_data.open_data_index, name="index"),
    re_path(
        r"^klachten-(?P<year>[0-9]{4})\.(?P<extension>csv|json|xlsx)$",
        views_open_data.open_data_file,
        name="file",
    ),
]
