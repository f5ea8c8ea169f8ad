"""The project's URLs plus one bare reference view at /bench/bare/."""

from django.urls import include, path

from bench.views import bare

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("gastvrij.urls")),
]

# Keep the project's error views.
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
