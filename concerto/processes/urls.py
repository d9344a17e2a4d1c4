from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.processes.views import public, registry, review, workspace

app_name = "processes"

urlpatterns = [
    # Public registry (stable French addresses citizens bookmark)
    path("dispositifs/", public.process_list, name="public_list"),
    path("dispositifs/<slug:slug>/", public.process_detail, name="public_detail"),
    path("agenda/", public.agenda, name="agenda"),
    # Ministry workspace: declare, refer, answer
    path("espace/dispositifs/", workspace.process_list, name="workspace_list"),
    path("espace/dispositifs/nouveau/", workspace.create, name="create"),
    path("espace/dispositifs/<id:pk>/", workspace.overview, name="overview"),
    path("espace/dispositifs/<id:pk>/etapes/<slug:step>/", workspace.edit_step, name="edit_step"),
    path(
        "espace/dispositifs/<id:pk>/pret-pour-le-referent/",
        workspace.mark_ready,
        name="mark_ready",
    ),
    path(
        "espace/dispositifs/<id:pk>/renvoi-a-l-agent/",
        workspace.return_to_agent,
        name="return_to_agent",
    ),
    path("espace/dispositifs/<id:pk>/saisine/", workspace.submit, name="submit"),
    path("espace/dispositifs/<id:pk>/messages/", workspace.post_message, name="post_message"),
    path(
        "espace/dispositifs/<id:pk>/recommandations/<id:number>/",
        workspace.answer_recommendation,
        name="answer_recommendation",
    ),
    path("espace/dispositifs/<id:pk>/publication/", workspace.publish, name="publish"),
    path("espace/dispositifs/<id:pk>/ouverture/", workspace.open_participation, name="open"),
    path("espace/dispositifs/<id:pk>/copie/", workspace.duplicate, name="duplicate"),
    path("espace/dispositifs/<id:pk>/suppression/", workspace.delete, name="delete"),
    path("espace/dispositifs/<id:pk>/archivage/", workspace.archive, name="archive"),
    # CIPC: referrals, review, opinion, State-wide registry
    path("cipc/saisines/", review.queue, name="queue"),
    path("cipc/saisines.csv", review.queue_csv, name="queue_csv"),
    path("cipc/saisines/<id:pk>/", review.review, name="review"),
    path("cipc/saisines/<id:pk>/attribution/", review.assign, name="assign"),
    path("cipc/saisines/<id:pk>/grille/", review.grid, name="grid"),
    path("cipc/saisines/<id:pk>/messages/", review.post_message, name="review_message"),
    path("cipc/saisines/<id:pk>/avis/", review.opinion, name="opinion"),
    path("cipc/registre/", registry.registry, name="registry"),
    path("cipc/registre/export/", registry.export, name="registry_export"),
]
