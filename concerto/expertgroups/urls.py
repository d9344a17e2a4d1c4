from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.expertgroups.views import public, workspace

app_name = "expertgroups"

GROUP = "groupes-experts/<slug:slug>/"

urlpatterns = [
    path("recommandations/", public.recommendation_list, name="public_list"),
    path("recommandations/recommandations.csv", public.recommendations_csv, name="public_csv"),
    path(
        "recommandations/<year:year>-<id:sequence>/",
        public.recommendation_detail,
        name="public_detail",
    ),
    path(
        "recommandations/<year:year>-<id:sequence>/reponse/",
        public.record_answer,
        name="record_answer",
    ),
    path("groupes-experts/", workspace.group_list, name="list"),
    path("groupes-experts/nouveau/", workspace.group_form, name="create"),
    path(GROUP, workspace.workspace, name="workspace"),
    path(GROUP + "modifier/", workspace.group_form, name="edit"),
    path(GROUP + "dispositifs/<id:pk>/", workspace.process_data, name="process"),
    path(GROUP + "textes/nouveau/", workspace.create_draft, name="draft_create"),
    path(GROUP + "textes/<id:pk>/", workspace.draft, name="draft"),
    path(GROUP + "textes/<id:pk>/commentaires/", workspace.comment, name="comment"),
    path(GROUP + "textes/<id:pk>/publication/", workspace.publish, name="publish"),
]
