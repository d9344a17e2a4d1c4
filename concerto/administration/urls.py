from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> converter
from concerto.administration import views

app_name = "administration"

PERSON = "administration/personnes/<id:user_id>/"

urlpatterns = [
    path("administration/personnes/", views.people, name="people"),
    path(PERSON, views.person, name="person"),
    path(PERSON + "roles/", views.grant, name="grant"),
    path(PERSON + "roles/<id:membership_id>/retrait/", views.revoke, name="revoke"),
]
