from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("gezinnen/<id:pk>/handelingsplan/<id:goal_pk>/doorverwijzen/", views.new, name="new"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/", views.referral, name="referral"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/signaal/", views.to_signal, name="signal"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/brief/", views.letter, name="letter"),
    path("gezinnen/<id:pk>/netwerkkaart/<slug:code>/sociale-kaart/", views.pick_actor, name="pick_actor"),
    path("doorverwijzing/<str:token>/", views.answer, name="answer"),
    path("account/doorverwijzingen/", views.mine, name="mine"),
]
