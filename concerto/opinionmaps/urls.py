from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.opinionmaps.views import organiser, public

app_name = "opinionmaps"

MODULE = "dispositifs/<slug:slug>/carte/<id:module_id>/"
ORGANISER = "espace/dispositifs/<id:pk>/modules/<id:module_id>/carte/"

urlpatterns = [
    # Public pages (stable French addresses)
    path(MODULE, public.module_page, name="module"),
    path(MODULE + "vote/", public.vote, name="vote"),
    path(MODULE + "proposer/", public.propose, name="propose"),
    path(MODULE + "resultats/", public.map_page, name="map"),
    # Organisers
    path(ORGANISER, organiser.manage, name="manage"),
    path(ORGANISER + "enonces/<id:statement_id>/moderation/", organiser.moderate, name="moderate"),
    path(ORGANISER + "calcul/", organiser.recompute, name="recompute"),
    path(ORGANISER + "export/votes.csv", organiser.export_votes, name="export_votes"),
    path(ORGANISER + "export/resultats.csv", organiser.export_results, name="export_results"),
    path(ORGANISER + "import-polis/", organiser.import_polis, name="import"),
]
