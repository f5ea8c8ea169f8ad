from django.urls import path

from families.guest_views import read_only_for_guests as read_only

from . import views

app_name = "referrals"

# A guest professional of the family reads referrals it may read, and makes or moves none
# (families decision 0024).

urlpatterns = [
    path("gezinnen/<id:pk>/handelingsplan/<id:goal_pk>/doorverwijzen/", read_only(views.new), name="new"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/", read_only(views.referral), name="referral"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/signaal/", read_only(views.to_signal), name="signal"),
    path("gezinnen/<id:pk>/doorverwijzingen/<id:referral_pk>/brief/", views.letter, name="letter"),
    path("gezinnen/<id:pk>/netwerkkaart/<slug:code>/sociale-kaart/", read_only(views.pick_actor), name="pick_actor"),
    path("doorverwijzing/<str:token>/", views.answer, name="answer"),
    path("account/doorverwijzingen/", views.mine, name="mine"),
]
