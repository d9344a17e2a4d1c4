from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.analysis.views import public, workspace

app_name = "analysis"

WORKSPACE = "espace/dispositifs/<id:pk>/modules/<id:module_id>/analyse/"
PUBLIC = "dispositifs/<slug:slug>/modules/<id:module_id>/synthese/"

urlpatterns = [
    path(WORKSPACE, workspace.index, name="workspace"),
    path(WORKSPACE + "lancer/", workspace.run, name="run"),
    path(WORKSPACE + "fusion/", workspace.merge, name="merge"),
    path(WORKSPACE + "publication/", workspace.publish, name="publish"),
    path(WORKSPACE + "themes/<id:theme_id>/", workspace.theme, name="theme"),
    path(WORKSPACE + "themes/<id:theme_id>/deplacement/", workspace.move, name="move"),
    path(WORKSPACE + "campagnes/<id:campaign_id>/", workspace.review, name="review"),
    path(WORKSPACE + "prestataires/", workspace.grant_provider, name="grant_provider"),
    path(
        WORKSPACE + "prestataires/<id:access_id>/retrait/",
        workspace.revoke_provider,
        name="revoke_provider",
    ),
    path("dispositifs/<slug:slug>/synthese/", public.process_syntheses, name="process_syntheses"),
    path(PUBLIC, public.synthesis, name="synthesis"),
    path(PUBLIC + "synthese.pdf", public.synthesis_pdf, name="synthesis_pdf"),
]
