from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> converter
from concerto.administration.views import activity, people, registers, settings

app_name = "administration"

PERSON = "administration/personnes/<id:user_id>/"
REGISTER = "administration/listes/<slug:register>/"

urlpatterns = [
    path("administration/personnes/", people.people, name="people"),
    path("administration/personnes.csv", people.people_csv, name="people_csv"),
    path("administration/personnes/invitation/", people.invite, name="invite"),
    path(PERSON, people.person, name="person"),
    path(PERSON + "roles/", people.grant, name="grant"),
    path(PERSON + "roles/<id:membership_id>/retrait/", people.revoke, name="revoke"),
    path(PERSON + "blocage/", people.block, name="block"),
    path(PERSON + "blocage/levee/", people.lift_block, name="lift_block"),
    path("administration/journal/", activity.activity, name="activity"),
    path("administration/parametres/", settings.site_settings, name="site_settings"),
    path("administration/journal.csv", activity.activity_csv, name="activity_csv"),
    path("administration/listes/", registers.index, name="registers"),
    path(REGISTER, registers.register_list, name="register"),
    path(REGISTER + "export.csv", registers.register_csv, name="register_csv"),
    path(REGISTER + "nouvelle/", registers.create, name="record_create"),
    path(REGISTER + "<id:pk>/", registers.edit, name="record"),
    path(REGISTER + "<id:pk>/suppression/", registers.delete, name="record_delete"),
]
