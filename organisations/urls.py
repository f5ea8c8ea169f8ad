from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("groepen/", views.directory, name="directory"),
    path("groepen/kaart.json", views.map_data, name="map_data"),
    path("groepen/<slug:slug>/", views.detail, name="detail"),
    path("groepen/<slug:slug>/bewerken/", views.edit, name="edit"),
    path("groepen/<slug:slug>/mensen/", views.people, name="people"),
    path("groepen/<slug:slug>/mensen/<id:pk>/verwijderen/", views.remove_person, name="remove_person"),
    path("groepen/<slug:slug>/mensen/<id:pk>/rol/", views.change_role, name="change_role"),
    path("groepen/<slug:slug>/uitnodigingen/<id:pk>/intrekken/", views.revoke_invitation, name="revoke_invitation"),
    path("groepen/<slug:slug>/lidmaatschap/", views.change_membership, name="change_membership"),
    path("aansluiten/", views.apply, name="apply"),
    path("aansluiten/verstuurd/", views.apply_done, name="apply_done"),
    path("aansluiten/aanvraag/<str:token>/", views.application_status, name="application_status"),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("documenten/<id:pk>/", views.document_download, name="document_download"),
    path("secretariaat/", views.dashboard, name="dashboard"),
    path("secretariaat/groepen/", views.groups, name="groups"),
    path("secretariaat/aanvragen/", views.applications, name="applications"),
    path("secretariaat/aanvragen/<id:pk>/", views.review, name="review"),
    path("secretariaat/documenten/", views.documents, name="documents"),
    path("secretariaat/import/", views.import_members, name="import"),
    path("secretariaat/export.<str:fmt>", views.export, name="export"),
]
