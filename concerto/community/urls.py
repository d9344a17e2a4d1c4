from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.community import views

app_name = "community"

urlpatterns = [
    path("communaute/", views.home, name="home"),
    path("communaute/annuaire/", views.directory, name="directory"),
    path("communaute/ma-fiche/", views.profile, name="profile"),
    path("communaute/evenements/", views.events, name="events"),
    path("communaute/questions/nouvelle/", views.ask, name="ask"),
    path("communaute/questions/<id:pk>/", views.question, name="question"),
    path("communaute/questions/<id:pk>/faq/", views.promote, name="promote"),
    path("communaute/reponses/<id:pk>/accepter/", views.accept, name="accept"),
]
