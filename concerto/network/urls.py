from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.network.views import meetings, plans

app_name = "network"

PLAN = "reseau/plans/<slug:slug>/"
MEETING = "reseau/reunions/<id:pk>/"

urlpatterns = [
    path("reseau/", plans.index, name="index"),
    path("reseau/avancement/", plans.overview, name="overview"),
    path(PLAN, plans.plan, name="plan"),
    path(PLAN + "actions/nouvelle/", plans.action_form, name="action_create"),
    path(PLAN + "actions/<id:action_id>/", plans.action_form, name="action"),
    path("reseau/reunions/", meetings.meeting_list, name="meetings"),
    path("reseau/reunions/nouvelle/", meetings.meeting_create, name="meeting_create"),
    path(MEETING, meetings.meeting, name="meeting"),
    path(MEETING + "compte-rendu/", meetings.minutes, name="minutes"),
    path(MEETING + "actions/", meetings.add_action, name="meeting_action"),
    path(MEETING + "publication/", meetings.publish, name="publish"),
]
