from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.proposals.views import merge, public, votes

app_name = "proposals"

MODULE = "dispositifs/<slug:slug>/propositions/<id:module_id>/"
PROPOSAL = MODULE + "<id:proposal_id>/"

urlpatterns = [
    path(MODULE, public.module_page, name="module"),
    path(MODULE + "fusion/", merge.merge, name="merge"),
    path(PROPOSAL, public.proposal_page, name="proposal"),
    path(PROPOSAL + "soutien/", votes.support, name="support"),
    path(PROPOSAL + "commentaires/", public.comment, name="comment"),
    path(PROPOSAL + "arguments/", public.argue, name="argue"),
    path(PROPOSAL + "arguments/<id:argument_id>/utile/", votes.useful, name="useful"),
]
