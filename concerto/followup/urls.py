from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.followup.views import feeds, public, workspace

app_name = "followup"

WORKSPACE = "espace/dispositifs/<id:pk>/suites/"
ANSWER = WORKSPACE + "reponses/<id:answer_id>/"

urlpatterns = [
    path("dispositifs/<slug:slug>/suites/", public.process_page, name="process"),
    path("dispositifs/<slug:slug>/suites/flux.atom", feeds.ProcessFeed(), name="process_feed"),
    path(
        "dispositifs/<slug:slug>/suites/reponses/<id:answer_id>/",
        public.answer_page,
        name="answer_page",
    ),
    path(
        "dispositifs/<slug:slug>/suites/reponses/<id:answer_id>/avis/",
        public.rate,
        name="rate",
    ),
    path("suivi/", public.figures, name="figures"),
    path("suivi/suivi.csv", public.figures_csv, name="figures_csv"),
    path("suivi/flux.atom", feeds.StateFeed(), name="state_feed"),
    path(WORKSPACE, workspace.workspace, name="workspace"),
    path(WORKSPACE + "selection/", workspace.bulk, name="bulk"),
    path(WORKSPACE + "cloture/", workspace.close, name="close"),
    path(WORKSPACE + "publication/", workspace.publish, name="publish"),
    path(WORKSPACE + "suites-publiees/", workspace.publish_follow_up, name="publish_follow_up"),
    path(WORKSPACE + "reponses/nouvelle/", workspace.answer_form, name="answer_create"),
    path(ANSWER, workspace.answer_form, name="answer"),
    path(ANSWER + "jalons/", workspace.add_milestone, name="milestone_add"),
    path(
        ANSWER + "jalons/<id:milestone_id>/",
        workspace.update_milestone,
        name="milestone_update",
    ),
    path(WORKSPACE + "engagements/<id:commitment_id>/", workspace.commitment, name="commitment"),
]
