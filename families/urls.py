from django.urls import path

from . import closing, family_view, guest_views, meeting_views, views

read_only = guest_views.read_only_for_guests

app_name = "families"

urlpatterns = [
    path("groepen/<slug:slug>/gezinnen/", views.group_list, name="group_list"),
    path("groepen/<slug:slug>/gezinnen/nieuw/", views.new, name="new"),
    path("account/gezinnen/", views.mine, name="mine"),
    path("secretariaat/gezinnen/", views.network_figures, name="figures"),
    path("gezinnen/<id:pk>/", views.trajectory, name="trajectory"),
    path("gezinnen/<id:pk>/gezinsleden/", views.members, name="members"),
    path("gezinnen/<id:pk>/team/", views.team, name="team"),
    path("gezinnen/<id:pk>/toestemming/", views.consent, name="consent"),
    path("gezinnen/<id:pk>/status/", views.status, name="status"),
    path("gezinnen/<id:pk>/logboek/", views.log, name="log"),
    path("gezinnen/<id:pk>/netwerkkaart/", views.network_map, name="map"),
    path("gezinnen/<id:pk>/netwerkkaart/eigen-domein/", read_only(views.own_domain), name="own_domain"),
    path("gezinnen/<id:pk>/netwerkkaart/<slug:code>/", read_only(views.domain), name="domain"),
    path("gezinnen/<id:pk>/handelingsplan/", views.plan, name="plan"),
    path("gezinnen/<id:pk>/handelingsplan/nieuw/", read_only(views.goal_new), name="goal_new"),
    path("gezinnen/<id:pk>/handelingsplan/<id:goal_pk>/", read_only(views.goal_edit), name="goal"),
    path("gezinnen/<id:pk>/contacten/", read_only(views.contacts), name="contacts"),
    path("gezinnen/<id:pk>/overleg/", meeting_views.meeting_list, name="meetings"),
    path("gezinnen/<id:pk>/overleg/<id:meeting_pk>/", meeting_views.meeting, name="meeting"),
    path("gezinnen/<id:pk>/overleg/<id:meeting_pk>/verslag/", meeting_views.report, name="meeting_report"),
    path("gezinnen/<id:pk>/overleg/<id:meeting_pk>/agenda.ics", meeting_views.meeting_ics, name="meeting_ics"),
    path("gezinnen/<id:pk>/afronding/", closing.closing, name="closing"),
    path("gezinnen/<id:pk>/gezinslink/", family_view.family_link, name="family_link"),
    path("gezin/<slug:token>/", family_view.family_page, name="family_page"),
    path("gezinnen/<id:pk>/gasten/", guest_views.guest_list, name="guests"),
    path("gast/<slug:token>/", guest_views.accept, name="guest_accept"),
    path("gezinnen/<id:pk>/kaart-en-plan.pdf", views.pdf, name="pdf"),
    path("gezinnen/<id:pk>/gegevens.json", views.export, name="export"),
    path("gezinnen/<id:pk>/wissen/", views.erase, name="erase"),
]
