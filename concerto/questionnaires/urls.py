from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.questionnaires.views import public, workspace

app_name = "questionnaires"

WORKSPACE = "espace/dispositifs/<id:pk>/modules/<id:module_id>/"

urlpatterns = [
    # Public: answer, save and resume, send; live results once opened
    path("dispositifs/<slug:slug>/questionnaire/<id:module_id>/", public.module, name="module"),
    # Organisers: build the questions, open the results
    path(WORKSPACE + "questions/", workspace.questions, name="questions"),
    path(WORKSPACE + "questions/<id:question_id>/", workspace.edit, name="edit"),
    path(WORKSPACE + "questions/<id:question_id>/deplacer/", workspace.move, name="move"),
    path(WORKSPACE + "questions/<id:question_id>/suppression/", workspace.delete, name="delete"),
    path(WORKSPACE + "resultats/", workspace.results, name="results"),
]
