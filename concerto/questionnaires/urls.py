from django.urls import path

from concerto.questionnaires.views import public, workspace

app_name = "questionnaires"

WORKSPACE = "espace/dispositifs/<int:pk>/modules/<int:module_id>/"

urlpatterns = [
    # Public: answer, save and resume, send; live results once opened
    path("dispositifs/<slug:slug>/questionnaire/<int:module_id>/", public.module, name="module"),
    # Organisers: build the questions, open the results
    path(WORKSPACE + "questions/", workspace.questions, name="questions"),
    path(WORKSPACE + "questions/<int:question_id>/", workspace.edit, name="edit"),
    path(WORKSPACE + "questions/<int:question_id>/deplacer/", workspace.move, name="move"),
    path(WORKSPACE + "questions/<int:question_id>/suppression/", workspace.delete, name="delete"),
    path(WORKSPACE + "resultats/", workspace.results, name="results"),
]
