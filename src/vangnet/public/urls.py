from django.urls import include, path

app_name = "public"
urlpatterns = [
    path("status/", include("vangnet.public.status_urls")),
]
