from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.meetings.views import organiser, public

app_name = "meetings"

MODULE = "dispositifs/<slug:slug>/reunions/<id:module_id>/"
MEETING = MODULE + "<id:meeting_id>/"
ORGANISER = "espace/dispositifs/<id:pk>/reunions/<id:module_id>/"

urlpatterns = [
    # Public pages (stable French addresses)
    path(MODULE, public.module_page, name="module"),
    path(MODULE + "reunions.ics", public.module_ical, name="module_ical"),
    path(MEETING, public.meeting_page, name="detail"),
    path(MEETING + "inscription/", public.register, name="register"),
    path(MEETING + "annulation/", public.cancel, name="cancel"),
    path(MEETING + "reunion.ics", public.meeting_ical, name="ical"),
    path(MEETING + "compte-rendu/fichier/", public.report_file, name="report_file"),
    # Organisers
    path(ORGANISER, organiser.manage, name="manage"),
    path(ORGANISER + "nouvelle/", organiser.create, name="create"),
    path(ORGANISER + "<id:meeting_id>/", organiser.edit, name="edit"),
    path(ORGANISER + "<id:meeting_id>/compte-rendu/", organiser.report, name="report"),
]
