from django.urls import path

from . import views

app_name = "socialmap"

urlpatterns = [
    path("", views.find_help, name="search"),
    path("nieuw/", views.propose_service, name="propose"),
    path("nalezen/", views.review_list, name="review"),
    path("nalezen/diensten/<id:pk>/", views.review_service, name="review_service"),
    path("nalezen/wijzigingen/<id:pk>/", views.review_change, name="review_change"),
    path("importeren/", views.import_package, name="import"),
    path("importeren/<id:pk>/", views.import_job, name="import_job"),
    path("bijwerken/<str:token>/", views.update_by_link, name="update"),
    path("<id:pk>/", views.service_detail, name="service"),
    path("<id:pk>/wijzigen/", views.propose_change, name="change"),
    path("<id:pk>/notities/", views.add_note, name="note"),
    path("<id:pk>/contactpersonen/", views.add_contact, name="contact"),
    path("<id:pk>/nagekeken/", views.verify, name="verify"),
    path("<id:pk>/link/", views.make_link, name="make_link"),
]
