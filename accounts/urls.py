from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("", views.profile, name="profile"),
    path("tweestap/", views.otp_setup, name="otp_setup"),
    path("tweestap/code/", views.otp_verify, name="otp_verify"),
    path("wachtwoord/", views.password_reset, name="password_reset"),
    path("wachtwoord/verstuurd/", views.password_reset_done, name="password_reset_done"),
    path("wachtwoord/nieuw/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("wachtwoord/klaar/", views.password_reset_complete, name="password_reset_complete"),
]
