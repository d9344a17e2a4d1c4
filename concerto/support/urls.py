from django.urls import path

from concerto.support.views import public, requests

app_name = "support"

urlpatterns = [
    path("accompagnement/", public.offer, name="offer"),
    path("accompagnement/demande/", requests.create, name="create"),
    path("accompagnement/demandes/", requests.request_list, name="list"),
    path("accompagnement/demandes/<int:pk>/", requests.detail, name="detail"),
    path(
        "accompagnement/demandes/<int:pk>/jalons/<int:milestone_id>/",
        requests.milestone_done,
        name="milestone_done",
    ),
    path(
        "accompagnement/demandes/<int:pk>/<slug:slug>/",
        requests.transition,
        name="transition",
    ),
]
