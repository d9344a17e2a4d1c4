from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.participation.views import exports, mine, moderation, moderation_log, modules, offline

app_name = "participation"

urlpatterns = [
    # Organisers: modules of a process, offline entry, exports, moderation
    path("espace/dispositifs/<id:pk>/modules/", modules.manage, name="modules"),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/modifier/",
        modules.edit,
        name="module_edit",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/cloture/",
        modules.close,
        name="module_close",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/depublication/",
        modules.unpublish,
        name="module_unpublish",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/publication/",
        modules.republish,
        name="module_republish",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/deplacement/",
        modules.move,
        name="module_move",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/suppression/",
        modules.delete,
        name="module_delete",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/hors-ligne/",
        offline.enter,
        name="offline",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/hors-ligne/import/",
        offline.import_csv,
        name="offline_import",
    ),
    path(
        "espace/dispositifs/<id:pk>/modules/<id:module_id>/export/",
        exports.module_csv,
        name="export",
    ),
    path("espace/dispositifs/<id:pk>/moderation/", moderation.queue, name="moderation"),
    path("cipc/moderation/", moderation.state_queue, name="state_moderation"),
    path(
        "dispositifs/<slug:slug>/journal-de-moderation/",
        moderation_log.moderation_log,
        name="moderation_log",
    ),
    path("espace/contributions/<id:contribution_id>/moderation/", moderation.act, name="moderate"),
    # Participants: their contributions, reports, profile
    path("mes-contributions/", mine.contributions, name="mine"),
    path("mes-contributions/<id:contribution_id>/", mine.edit, name="edit"),
    path("mes-contributions/<id:contribution_id>/retrait/", mine.withdraw, name="withdraw"),
    path("contributions/<id:contribution_id>/signalement/", moderation.report, name="report"),
    path("mon-profil-participant/", mine.profile, name="profile"),
]
