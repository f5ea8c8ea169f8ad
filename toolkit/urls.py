from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("woordenlijst/", views.glossary, name="glossary"),
    path("voorstellen/", views.suggestions, name="suggestions"),
    path("voorstellen/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/afdrukken/", views.print_page, name="print"),
    path("<slug:slug>/geschiedenis/", views.history, name="history"),
    path("<slug:slug>/geschiedenis/<int:number>/", views.revision, name="revision"),
    path("<slug:slug>/voorstellen/", views.propose, name="propose"),
]
