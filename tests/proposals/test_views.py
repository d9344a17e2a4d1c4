"""The public pages of a proposals module, as citizens use them."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerto.notifications.models import Notification
from concerto.participation.actions import (
    hide_contribution,
    submit_contribution,
    withdraw_contribution,
)
from concerto.participation.models import Channel, Contribution, ContributionKind, HiddenReason
from concerto.privacy.actions import set_public_name
from concerto.processes.models import Theme
from concerto.proposals import actions
from concerto.proposals.models import Support, UsefulVote
from tests.factories import UserFactory, open_module
from tests.proposals.conftest import make_argument, make_proposal

pytestmark = pytest.mark.django_db


def module_url(module) -> str:
    return reverse("proposals:module", args=[module.process.slug, module.pk])


def proposal_url(proposal, name: str = "proposal", *extra) -> str:
    module = proposal.module
    return reverse(f"proposals:{name}", args=[module.process.slug, module.pk, proposal.pk, *extra])


def card_titles(response) -> list[str]:
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def support_badges(response) -> list[str]:
    return re.findall(r'support-count">([^<]+)</p>', response.text)


def column(response, stance: str) -> str:
    html = response.text
    start = html.index(f'id="arguments-{stance}"')
    end = html.index('id="arguments-contre"') if stance == "pour" else html.index("argumenter")
    return html[start:end]


def signed_in(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


# The list


def test_the_module_page_lists_published_proposals_most_supported_first(client, module, organiser):
    mobility = make_proposal(module, title="Plus de trains")
    bikes = make_proposal(module, title="Des pistes cyclables")
    make_proposal(module, title="Des bus de nuit")
    for _ in range(2):
        actions.support_proposal(bikes, user=UserFactory())
    actions.support_proposal(mobility, user=UserFactory())
    author = UserFactory()
    withdrawn = make_proposal(module, title="Retirée", author=author)
    withdraw_contribution(withdrawn, actor=author)
    hidden = make_proposal(module, title="Masquée")
    hide_contribution(hidden, actor=organiser, reason=HiddenReason.SPAM)
    merged = make_proposal(module, title="Des pistes pour vélos")
    actions.merge_proposals(merged, bikes, actor=organiser)

    response = client.get(module_url(module))
    assert response.status_code == 200
    assert card_titles(response) == ["Des pistes cyclables", "Plus de trains", "Des bus de nuit"]
    assert support_badges(response) == ["2 soutiens", "1 soutien", "Aucun soutien"]
    assert re.search(r'<h2 id="results-count">\s*3 propositions\s*</h2>', response.text)

    newest = client.get(module_url(module), {"tri": "recentes"})
    assert card_titles(newest) == ["Des bus de nuit", "Des pistes cyclables", "Plus de trains"]


def test_the_list_filters_by_theme(client, module):
    make_proposal(module, title="Plus de trains", theme=Theme.objects.get(slug="transports"))
    make_proposal(
        module, title="Des arbres en ville", theme=Theme.objects.get(slug="environnement-climat")
    )
    theme = Theme.objects.get(slug="environnement-climat")
    response = client.get(module_url(module), {"theme": theme.pk})
    assert card_titles(response) == ["Des arbres en ville"]
    assert "Effacer les filtres" in response.text


def test_the_list_costs_the_same_queries_for_2_or_12_proposals(client, module):
    user = signed_in(client)

    def count() -> int:
        client.get(module_url(module))  # warm: the site configuration is kept in the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(module_url(module)).status_code == 200
        return len(queries)

    for n in range(2):
        actions.support_proposal(make_proposal(module, title=f"P{n}"), user=user)
    few = count()
    for n in range(10):
        proposal = make_proposal(module, title=f"Q{n}")
        actions.support_proposal(proposal, user=UserFactory())
    assert count() == few
    assert few <= 16, few


# Submitting


def test_a_signed_in_citizen_submits_a_proposal(client, module):
    user = signed_in(client, UserFactory(first_name="Inès", last_name="Martin"))
    key = str(uuid.uuid4())
    data = {
        "title": "Des arceaux devant les gares", "body": "Pour garer son vélo en sécurité.",
        "theme": Theme.objects.get(slug="transports").pk, "location": "Gare de Lyon",
        "idempotency_key": key,
    }  # fmt: skip
    response = client.post(module_url(module), data)
    proposal = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal_url(proposal)
    assert (proposal.title, proposal.body, proposal.location, proposal.author) == (
        "Des arceaux devant les gares", "Pour garer son vélo en sécurité.", "Gare de Lyon", user,
    )  # fmt: skip

    # The same form sent again (double click, retry) stores nothing more.
    again = client.post(module_url(module), data)
    assert again.status_code == 302 and again["Location"] == proposal_url(proposal)
    assert Contribution.objects.count() == 1


def test_a_refused_submission_keeps_what_was_typed(client, module):
    signed_in(client)
    response = client.post(
        module_url(module),
        {"title": "", "body": "Mon long texte que je ne veux pas perdre.", "theme": "",
         "idempotency_key": str(uuid.uuid4())},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Mon long texte que je ne veux pas perdre." in response.text
    assert 'id="form-errors"' in response.text
    assert not Contribution.objects.exists()


def test_a_rate_limited_submission_answers_429_and_keeps_the_text(client, module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "contribute": (1, 600),
    }
    signed_in(client)
    theme = Theme.objects.get(slug="transports").pk
    for title in ("Première", "Deuxième idée"):
        response = client.post(
            module_url(module),
            {
                "title": title,
                "body": "Texte tapé.",
                "theme": theme,
                "idempotency_key": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 429
    assert "patientez quelques minutes" in response.text
    assert 'value="Deuxième idée"' in response.text
    assert list(Contribution.objects.values_list("title", flat=True)) == ["Première"]


def test_without_an_account_no_form_and_no_submission(client, module):
    response = client.get(module_url(module))
    assert 'id="id_title"' not in response.text
    assert "Connectez-vous ou créez un compte pour déposer une proposition." in response.text
    refused = client.post(
        module_url(module),
        {"title": "T", "body": "B", "theme": Theme.objects.first().pk, "pseudonym": "X",
         "idempotency_key": str(uuid.uuid4())},
    )  # fmt: skip
    assert refused.status_code == 403
    assert not Contribution.objects.exists()


def test_a_pseudonym_is_enough_where_the_organiser_allows_it(client):
    module, _organiser = open_module("proposals", allow_pseudonym=True)
    assert 'id="id_pseudonym"' in client.get(module_url(module)).text
    response = client.post(
        module_url(module),
        {"title": "T", "body": "B", "theme": Theme.objects.first().pk, "pseudonym": "Cycliste38",
         "idempotency_key": str(uuid.uuid4())},
    )  # fmt: skip
    proposal = Contribution.objects.get()
    assert response.status_code == 302
    assert (proposal.author, proposal.author_name) == (None, "Cycliste38")


def test_a_closed_module_shows_its_proposals_but_takes_no_more(client, module):
    make_proposal(module, title="Plus de trains")
    module.closes_on = timezone.localdate() - timedelta(days=1)
    module.save()
    signed_in(client)
    response = client.get(module_url(module))
    assert card_titles(response) == ["Plus de trains"]
    assert "Le dépôt de propositions est fermé." in response.text
    assert client.post(module_url(module), {"title": "T"}).status_code == 403
    assert Contribution.objects.count() == 1


# One proposal


def test_the_proposal_page_shows_text_author_and_supports(client, module):
    proposal = make_proposal(module, author=UserFactory(first_name="Inès", last_name="Martin"))
    actions.support_proposal(proposal, user=UserFactory())
    response = client.get(proposal_url(proposal))
    assert response.status_code == 200
    assert "<h1>Des pistes cyclables continues</h1>" in response.text
    assert "<p>Relier les communes de la vallée par une piste sécurisée.</p>" in response.text
    assert "Proposée par Inès M., le" in response.text
    assert re.search(r'id="support-count">1 soutien</h2>', response.text)
    assert 'id="channel"' not in response.text


def test_the_proposal_page_shows_the_first_name_and_initial_never_the_full_name(client, module):
    author = UserFactory(first_name="Camille", last_name="Dupont-Lefèvre")
    proposal = make_proposal(module, author=author)
    make_argument(proposal, author=author, body="Moins de voitures.")
    actions.comment_proposal(proposal, author=author, body="Et des arceaux.", idempotency_key=None)
    response = client.get(proposal_url(proposal))
    assert response.status_code == 200
    assert re.search(r'id="proposal-meta">Proposée par Camille D\., le ', response.text)
    assert re.findall(r'id="argument-\d+-author">([^,<]+),', response.text) == ["Camille D."]
    assert re.findall(r'id="commentaire-\d+-author">([^,<]+),', response.text) == ["Camille D."]
    assert "Dupont-Lefèvre" not in response.text


def test_the_proposal_page_shows_the_pseudonym_the_author_chose(client, module):
    author = UserFactory(first_name="Camille", last_name="Quennevilliers")
    set_public_name(author, choice="pseudonym", pseudonym="  Roue   Libre ")
    proposal = make_proposal(module, author=author)
    typed = make_proposal(module, author=author, title="Autre", pseudonym="Vélo69")
    response = client.get(proposal_url(proposal))
    assert re.search(r'id="proposal-meta">Proposée par Roue Libre, le ', response.text)
    assert "Camille Q" not in response.text and "Quennevilliers" not in response.text
    # A contribution typed with a pseudonym of its own keeps it.
    response = client.get(proposal_url(typed))
    assert re.search(r'id="proposal-meta">Proposée par Vélo69, le ', response.text)
    assert "Roue Libre" not in response.text


def test_an_offline_proposal_shows_its_channel(client, module, organiser):
    proposal, _ = submit_contribution(
        module, author=None, kind=ContributionKind.PROPOSAL, title="Cahier de Vif",
        body="Recopié du cahier citoyen.", idempotency_key=None, channel=Channel.PAPER,
        entered_by=organiser,
    )  # fmt: skip
    response = client.get(proposal_url(proposal))
    assert re.search(
        r'id="channel">Reçue par : Papier \(cahier citoyen, formulaire\)</p>', response.text
    )


@pytest.mark.parametrize("status", ["hidden", "withdrawn"])
def test_hidden_and_withdrawn_proposals_are_not_public(client, module, organiser, status):
    author = UserFactory()
    proposal = make_proposal(module, author=author)
    if status == "hidden":
        hide_contribution(proposal, actor=organiser, reason=HiddenReason.INSULT)
    else:
        withdraw_contribution(proposal, actor=author)
    response = client.get(proposal_url(proposal))
    # A withdrawn one says so, without its content (tests/proposals/test_withdrawn.py).
    assert response.status_code == (404 if status == "hidden" else 410)
    assert proposal.title not in response.text
    signed_in(client)
    assert client.post(proposal_url(proposal, "support")).status_code == 404
    assert not Support.objects.exists()


def test_arguments_sit_side_by_side_most_useful_first(client, module, organiser):
    proposal = make_proposal(module)
    make_argument(proposal, stance="for", body="Moins de voitures.")
    safer = make_argument(proposal, stance="for", body="Plus de sécurité.")
    cost = make_argument(proposal, stance="against", body="Le coût est élevé.")
    hidden = make_argument(proposal, stance="against", body="Propos injurieux.")
    hide_contribution(hidden, actor=organiser, reason=HiddenReason.INSULT)
    for _ in range(2):
        actions.vote_useful(safer, user=UserFactory())
    actions.vote_useful(cost, user=UserFactory())

    response = client.get(proposal_url(proposal))
    pour, contre = column(response, "pour"), column(response, "contre")
    assert re.findall(r'argument-body"><p>([^<]+)</p>', pour) == [
        "Plus de sécurité.", "Moins de voitures.",
    ]  # fmt: skip
    assert re.findall(r'argument-body"><p>([^<]+)</p>', contre) == ["Le coût est élevé."]
    assert re.findall(r'useful-count">([^<]+)<', pour) == [
        "Jugé utile par 2 personnes", "Pas encore jugé utile",
    ]  # fmt: skip
    assert "Pour (2)" in pour and "Contre (1)" in contre
    assert "Propos injurieux." not in response.text


def test_comments_are_threaded_and_hidden_ones_left_out(client, module, organiser):
    proposal = make_proposal(module)
    first, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Premier.", idempotency_key=None
    )
    actions.comment_proposal(
        proposal,
        author=UserFactory(),
        body="Réponse au premier.",
        reply_to=first,
        idempotency_key=None,
    )
    rude, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Grossier.", idempotency_key=None
    )
    hide_contribution(rude, actor=organiser, reason=HiddenReason.INSULT)

    response = client.get(proposal_url(proposal))
    html = response.text
    assert re.search(r'<h2 id="comments-title">2 commentaires</h2>', html)
    thread = html[html.index(f'id="commentaire-{first.pk}"') :]
    assert re.search(r'comment-replies".*Réponse au premier\.', thread, re.S)
    assert "Grossier." not in html


def test_replying_to_a_comment_through_the_page(client, module):
    proposal = make_proposal(module)
    first, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Premier.", idempotency_key=None
    )
    signed_in(client)
    page = client.get(proposal_url(proposal), {"repondre": first.pk})
    assert 'id="id_reply-body"' in page.text
    response = client.post(
        proposal_url(proposal, "comment"),
        {
            "reply-body": "Bien vu.",
            "reply-reply_to": first.pk,
            "reply-idempotency_key": str(uuid.uuid4()),
        },
    )
    reply = Contribution.objects.get(body="Bien vu.")
    assert response.status_code == 302
    assert response["Location"] == f"{proposal_url(proposal)}#commentaire-{reply.pk}"
    assert reply.parent_id == first.pk


def test_commenting_and_arguing_through_the_page(client, module):
    proposal = make_proposal(module)
    user = signed_in(client)
    response = client.post(
        proposal_url(proposal, "comment"),
        {"comment-body": "Et les vélos cargos ?", "comment-idempotency_key": str(uuid.uuid4())},
    )
    comment = Contribution.objects.get(kind=ContributionKind.COMMENT)
    assert response["Location"] == f"{proposal_url(proposal)}#commentaire-{comment.pk}"
    assert (comment.parent_id, comment.author, comment.body) == (
        proposal.pk, user, "Et les vélos cargos ?",
    )  # fmt: skip
    response = client.post(
        proposal_url(proposal, "argue"),
        {"argument-stance": "against", "argument-body": "Trop cher.",
         "argument-idempotency_key": str(uuid.uuid4())},
    )  # fmt: skip
    argument = Contribution.objects.get(kind=ContributionKind.ARGUMENT)
    assert response["Location"] == f"{proposal_url(proposal)}#argument-{argument.pk}"
    assert (argument.parent_id, argument.stance, argument.body) == (
        proposal.pk,
        "against",
        "Trop cher.",
    )


def test_a_refused_argument_keeps_its_text(client, module):
    proposal = make_proposal(module)
    signed_in(client)
    response = client.post(
        proposal_url(proposal, "argue"),
        {
            "argument-stance": "",
            "argument-body": "Mon argument tapé.",
            "argument-idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert "Mon argument tapé." in response.text
    assert not Contribution.objects.filter(kind=ContributionKind.ARGUMENT).exists()


def test_the_proposal_page_costs_the_same_queries_however_long_the_debate(client, module):
    proposal = make_proposal(module)
    user = signed_in(client)

    def count() -> int:
        client.get(proposal_url(proposal))  # warm: the site configuration is kept in the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(proposal_url(proposal)).status_code == 200
        return len(queries)

    def grow(n: int) -> None:
        for index in range(n):
            comment, _ = actions.comment_proposal(
                proposal, author=UserFactory(), body=f"C{index}", idempotency_key=None
            )
            actions.comment_proposal(
                proposal,
                author=UserFactory(),
                body=f"R{index}",
                reply_to=comment,
                idempotency_key=None,
            )
            argument = make_argument(proposal, stance="for" if index % 2 else "against")
            actions.vote_useful(argument, user=user)

    grow(1)
    few = count()
    grow(6)
    assert count() == few
    assert few <= 16, few


# Supports and useful votes through the pages


def test_support_once_then_withdraw(client, module):
    proposal = make_proposal(module)
    user = signed_in(client)
    for _ in range(2):
        response = client.post(proposal_url(proposal, "support"))
        assert response.status_code == 302
        assert response["Location"] == f"{proposal_url(proposal)}#soutien"
    assert Support.objects.filter(proposal=proposal, user=user).count() == 1
    page = client.get(proposal_url(proposal))
    assert "Retirer mon soutien" in page.text and 'id="support-count">1 soutien<' in page.text
    client.post(proposal_url(proposal, "support"), {"action": "retirer"})
    assert not Support.objects.exists()


def test_supporting_without_an_account_is_refused(client, module):
    proposal = make_proposal(module)
    page = client.get(proposal_url(proposal))
    assert "Se connecter pour soutenir" in page.text
    assert "Soutenir cette proposition" not in page.text
    assert client.post(proposal_url(proposal, "support")).status_code == 403
    assert not Support.objects.exists()


def test_a_rate_limited_support_answers_429(client, module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {**settings.PARTICIPATION_RATE_LIMITS, "vote": (0, 600)}
    proposal = make_proposal(module)
    signed_in(client)
    response = client.post(proposal_url(proposal, "support"))
    assert response.status_code == 429
    assert "Vous avez voté beaucoup de fois en peu de temps" in response.text
    assert not Support.objects.exists()


def test_voting_an_argument_useful(client, module):
    proposal = make_proposal(module)
    argument = make_argument(proposal)
    user = signed_in(client)
    url = proposal_url(proposal, "useful", argument.pk)
    for _ in range(2):
        response = client.post(url)
        assert response["Location"] == f"{proposal_url(proposal)}#argument-{argument.pk}"
    assert UsefulVote.objects.filter(argument=argument, user=user).count() == 1
    client.post(url, {"action": "retirer"})
    assert not UsefulVote.objects.exists()


# Merged proposals


def test_a_merged_proposal_sends_its_readers_to_the_target(client, module, organiser):
    source = make_proposal(module, title="Des pistes pour vélos")
    target = make_proposal(module, title="Des pistes cyclables")
    actions.merge_proposals(source, target, actor=organiser)
    response = client.get(proposal_url(source), follow=True)
    assert response.redirect_chain == [(proposal_url(target), 302)]
    assert (
        "La proposition « Des pistes pour vélos » a été fusionnée avec « Des pistes cyclables »"
        in response.text
    )
    assert re.search(
        r"« Des pistes pour vélos », de [^:]+ : fusionnée avec cette proposition", response.text
    )


def test_the_merge_page_is_for_moderators_only(client, module, organiser):
    source, target = make_proposal(module, title="A"), make_proposal(module, title="B")
    url = reverse("proposals:merge", args=[module.process.slug, module.pk])
    notifications = Notification.objects.count()
    signed_in(client)
    assert client.get(url).status_code == 403
    assert client.post(url, {"source": source.pk, "target": target.pk}).status_code == 403
    assert Contribution.objects.filter(merged_into__isnull=False).count() == 0
    assert Notification.objects.count() == notifications


def test_a_moderator_merges_from_the_merge_page(client, module, organiser):
    source, target = make_proposal(module, title="A"), make_proposal(module, title="B")
    url = reverse("proposals:merge", args=[module.process.slug, module.pk])
    client.force_login(organiser)
    page = client.get(url, {"source": source.pk})
    assert re.search(
        rf'<option value="{source.pk}" selected>A \(n° {source.pk}\)</option>', page.text
    )
    response = client.post(url, {"source": source.pk, "target": target.pk, "note": ""}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "« A » est fusionnée avec « B ». Leurs auteurs sont prévenus." in response.text
    assert 'id="merge-history"' in response.text
    source.refresh_from_db()
    assert source.merged_into_id == target.pk

    same = client.post(url, {"source": target.pk, "target": target.pk})
    assert same.status_code == 200
    assert "Choisissez une autre proposition." in same.text
