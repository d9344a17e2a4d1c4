from django.urls import path

from concerto.dossiers.views import public, workspace

app_name = "dossiers"

WORKSPACE = "espace/dispositifs/<int:pk>/modules/<int:module_id>/documents/"

urlpatterns = [
    # Public: the dossier, its documents, suggesting a missing source
    path("dispositifs/<slug:slug>/dossier/<int:module_id>/", public.module, name="module"),
    path(
        "dispositifs/<slug:slug>/dossier/<int:module_id>/documents/<int:document_id>/",
        public.document,
        name="document",
    ),
    path(
        "dispositifs/<slug:slug>/dossier/<int:module_id>/suggerer-une-source/",
        public.suggest,
        name="suggest",
    ),
    # Organisers: build the dossier, read suggestions
    path(WORKSPACE, workspace.documents, name="documents"),
    path(WORKSPACE + "<int:document_id>/", workspace.edit, name="edit"),
    path(WORKSPACE + "<int:document_id>/deplacer/", workspace.move, name="move"),
    path(WORKSPACE + "<int:document_id>/suppression/", workspace.delete, name="delete"),
]
