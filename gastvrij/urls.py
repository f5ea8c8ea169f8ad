from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from core import views as core_views
from core.access import declare_public
from gastvrij.api import urls as api_urls

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("start/", core_views.start, name="start"),
    path("mijn-groep/", core_views.my_group, name="my_group"),
    path("healthz", core_views.healthz, name="healthz"),
    path("contact/", core_views.contact, name="contact"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("toegankelijkheid/", core_views.accessibility, name="accessibility"),
    path("i18n/setlang/", declare_public(set_language), name="set_language"),
    path("account/", include("accounts.urls")),
    path("api/v1/", api_urls()),
    path("beheer/", admin.site.urls),
    path("toolkit/", include("toolkit.urls")),
    path("sociale-kaart/", include("socialmap.urls")),
    path("", include("core.urls")),
    path("", include("volunteers.urls")),
    path("", include("families.urls")),
    path("", include("signals.urls")),
    path("", include("referrals.urls")),
    path("", include("interpreting.urls")),
    path("", include("organisations.urls")),
]
