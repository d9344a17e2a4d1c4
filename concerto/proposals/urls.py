from django.urls import path

from concerto.proposals.views import merge, public, votes

app_name = "proposals"

MODULE = "dispositifs/<slug:slug>/propositions/<int:module_id>/"
PROPOSAL = MODULE + "<int:proposal_id>/"

urlpatterns = [
    path(MODULE, public.module_page, name="module"),
    path(MODULE + "fusion/", merge.merge, name="merge"),
    path(PROPOSAL, public.proposal_page, name="proposal"),
    path(PROPOSAL + "soutien/", votes.support, name="support"),
    path(PROPOSAL + "commentaires/", public.comment, name="comment"),
    path(PROPOSAL + "arguments/", public.argue, name="argue"),
    path(PROPOSAL + "arguments/<int:argument_id>/utile/", votes.useful, name="useful"),
]
