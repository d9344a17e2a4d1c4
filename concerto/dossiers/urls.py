from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.dossiers.views import public, workspace

app_name = "dossiers"

WORKSPACE = "espace/dispositifs/<id:pk>/modules/<id:module_id>/documents/"

urlpatterns = [
    # Public: the dossier, its documents, suggesting a missing source
    path("dispositifs/<slug:slug>/dossier/<id:module_id>/", public.module, name="module"),
    path(
        "dispositifs/<slug:slug>/dossier/<id:module_id>/documents/<id:document_id>/",
        public.document,
        name="document",
    ),
    path(
        "dispositifs/<slug:slug>/dossier/<id:module_id>/suggerer-une-source/",
        public.suggest,
        name="suggest",
    ),
    # Organisers: build the dossier, read suggestions
    path(WORKSPACE, workspace.documents, name="documents"),
    path(WORKSPACE + "<id:document_id>/", workspace.edit, name="edit"),
    path(WORKSPACE + "<id:document_id>/deplacer/", workspace.move, name="move"),
    path(WORKSPACE + "<id:document_id>/suppression/", workspace.delete, name="delete"),
    path(
        WORKSPACE + "suggestions/<id:suggestion_id>/decision/",
        workspace.review,
        name="review_suggestion",
    ),
]
