from django.urls import path

from . import audit_views

app_name = "core"

urlpatterns = [
    path("secretariaat/logboek/", audit_views.network_log, name="network_log"),
    path("groepen/<slug:slug>/logboek/", audit_views.group_log, name="group_log"),
]
