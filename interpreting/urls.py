from django.urls import path

from . import views

app_name = "interpreting"

urlpatterns = [
    path("gezinnen/<id:pk>/tolken/", views.request_list, name="list"),
    path("gezinnen/<id:pk>/tolken/nieuw/", views.new, name="new"),
    path("gezinnen/<id:pk>/tolken/<id:request_pk>/", views.detail, name="request"),
    path("tolk/<str:token>/", views.answer, name="answer"),
]
