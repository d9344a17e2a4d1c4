from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> converter
from concerto.codrafting.views import downloads, organiser, public, versions

app_name = "codrafting"

MODULE = "dispositifs/<slug:slug>/texte/<id:module_id>/"
SUGGESTION = MODULE + "suggestions/<id:suggestion_id>/"
ORGANISER = "espace/dispositifs/<id:pk>/modules/<id:module_id>/texte/"
REVIEW = ORGANISER + "articles/<id:unit_id>/"

urlpatterns = [
    # Public pages (stable French addresses)
    path(MODULE, public.module_page, name="module"),
    path(MODULE + "articles/<id:unit_id>/", public.article_page, name="article"),
    path(MODULE + "passages/<id:unit_id>/suggerer/", public.suggest, name="suggest"),
    path(SUGGESTION, public.suggestion_page, name="suggestion"),
    path(SUGGESTION + "soutien/", public.support, name="support"),
    path(SUGGESTION + "argument/", public.argue, name="argue"),
    path(SUGGESTION + "commentaire/", public.comment, name="comment"),
    path(MODULE + "versions/", versions.versions, name="versions"),
    path(MODULE + "versions/<id:number>/", versions.version_page, name="version"),
    path(MODULE + "versions/<id:number>/texte.<str:fmt>", downloads.text, name="text_download"),
    path(
        MODULE + "versions/<id:number>/changements.<str:fmt>",
        downloads.changes,
        name="changes_download",
    ),
    # Organisers
    path(ORGANISER, organiser.manage, name="manage"),
    path(ORGANISER + "import/", organiser.import_draft, name="import"),
    path(ORGANISER + "versions/<id:number>/publier/", organiser.publish, name="publish"),
    path(ORGANISER + "nouvelle-version/", organiser.new_version, name="new_version"),
    path(ORGANISER + "passages/<id:unit_id>/", organiser.edit_unit, name="edit_unit"),
    path(
        ORGANISER + "passages/<id:unit_id>/article-apres/",
        organiser.add_article,
        name="add_article",
    ),  # fmt: skip
    path(REVIEW, organiser.review, name="review"),
    path(REVIEW + "suggestions/<id:suggestion_id>/reponse/", organiser.answer, name="answer"),
    path(REVIEW + "suggestions/<id:suggestion_id>/fusion/", organiser.merge, name="merge"),
]
