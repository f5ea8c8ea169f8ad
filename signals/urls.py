from django.urls import path

from . import views

app_name = "signals"

urlpatterns = [
    # members
    path("signalen/", views.signal_list, name="list"),
    path("signalen/nieuw/", views.signal_new, name="new"),
    path("signalen/overzicht/", views.overview, name="overview"),
    path("signalen/<id:pk>/", views.signal_detail, name="signal"),
    path("signalen/<id:pk>/bevestigen/", views.signal_confirm, name="confirm"),
    path("signalen/<id:pk>/meetekenen/", views.signal_cosign, name="cosign"),
    path("signalen/<id:pk>/intrekken/", views.signal_withdraw, name="withdraw"),
    path("signalen/<id:pk>/toestemming/", views.signal_consent, name="consent"),
    # the secretariat
    path("secretariaat/signalen/themas/", views.themes, name="themes"),
    path("secretariaat/dossiers/", views.dossiers, name="dossiers"),
    path("secretariaat/dossiers/nieuw/", views.dossier_new, name="dossier_new"),
    path("secretariaat/dossiers/<id:pk>/", views.dossier_detail, name="dossier"),
    path("secretariaat/dossiers/<id:pk>/bewerken/", views.dossier_edit, name="dossier_edit"),
    path("secretariaat/dossiers/<id:pk>/nota.pdf", views.dossier_pdf, name="dossier_pdf"),
    # addressees, through their link; the public
    path("beleid/antwoord/<str:token>/", views.answer, name="answer"),
    path("beleid/uitnodiging/<str:token>/", views.recipient_accept, name="recipient_accept"),
    path("beleid/mijn-dossiers/", views.recipient_home, name="recipient_home"),
    path("beleid/mijn-dossiers/<id:pk>/", views.recipient_dossier, name="recipient_dossier"),
    path("beleid/dossiers/", views.published_list, name="published_list"),
    path("beleid/dossiers/<id:pk>/", views.published_detail, name="published"),
    path("beleid/dossiers/<id:pk>/nota.pdf", views.published_pdf, name="published_pdf"),
]
