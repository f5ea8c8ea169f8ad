from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("woordenlijst/", views.glossary, name="glossary"),
    path("voorstellen/", views.suggestions, name="suggestions"),
    path("voorstellen/<id:pk>/", views.review, name="review"),
    path("synoniemen/", views.synonyms, name="synonyms"),
    path("synoniemen/<id:pk>/", views.synonym, name="synonym"),
    path("vragen/", views.questions, name="questions"),
    path("vragen/nieuw/", views.ask, name="ask"),
    path("vragen/<id:pk>/", views.question, name="question"),
    path("vragen/<id:pk>/antwoorden/", views.answer, name="answer"),
    path("vragen/<id:pk>/volgen/", views.follow, name="follow"),
    path("vragen/antwoorden/<id:pk>/geholpen/", views.accept_answer, name="accept_answer"),
    path("vragen/antwoorden/<id:pk>/koppelen/", views.link_answer, name="link_answer"),
    path("checklists/<slug:slug>/", views.checklist, name="checklist"),
    path("checklists/<slug:slug>/tekst/", views.checklist_text, name="checklist_text"),
    path("bijlagen/<id:pk>/", views.attachment, name="attachment"),
    path("bijlagen/<id:pk>/verwijderen/", views.delete_attachment, name="delete_attachment"),
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/afdrukken/", views.print_page, name="print"),
    path("<slug:slug>/pdf/", views.pdf_page, name="pdf"),
    path("<slug:slug>/bijlagen/", views.attachments, name="attachments"),
    path("<slug:slug>/expert/", views.expert, name="expert"),
    path("<slug:slug>/geschiedenis/", views.history, name="history"),
    path("<slug:slug>/geschiedenis/<id:number>/", views.revision, name="revision"),
    path("<slug:slug>/geschiedenis/<id:number>/terugzetten/", views.restore, name="restore"),
    path("<slug:slug>/geschiedenis/vergelijken/", views.compare, name="compare"),
    path("<slug:slug>/nagekeken/", views.mark_checked, name="mark_checked"),
    path("<slug:slug>/voorstellen/", views.propose, name="propose"),
]
