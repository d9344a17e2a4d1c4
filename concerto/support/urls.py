from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.support.views import public, requests

app_name = "support"

urlpatterns = [
    path("accompagnement/", public.offer, name="offer"),
    path("accompagnement/demande/", requests.create, name="create"),
    path("accompagnement/demandes/", requests.request_list, name="list"),
    path("accompagnement/demandes.csv", requests.request_list_csv, name="list_csv"),
    path("accompagnement/demandes/<id:pk>/", requests.detail, name="detail"),
    path(
        "accompagnement/demandes/<id:pk>/jalons/<id:milestone_id>/",
        requests.milestone_done,
        name="milestone_done",
    ),
    path(
        "accompagnement/demandes/<id:pk>/<slug:slug>/",
        requests.transition,
        name="transition",
    ),
]
