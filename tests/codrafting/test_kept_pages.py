"""The co-drafting pages read by many are kept rendered (concerto/pagecache.py): the
article page whole for visitors, the organiser's list of suggestions for every organiser.
Every change they show is seen at once, and nothing personal is ever shared."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.codrafting import actions
from concerto.followup.closing import close_participation
from concerto.participation.actions.moderation import hide_contribution
from concerto.proposals.actions import support_proposal
from tests.codrafting.conftest import key
from tests.codrafting.suggested import suggested_text
from tests.factories import UserFactory, user_with_role
from tests.followup.conftest import ensure_statuses

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'<script[^>]* nonce="([^"]+)"')


def article_url(module, unit):
    return reverse(
        "codrafting:article",
        kwargs={"slug": module.process.slug, "module_id": module.pk, "unit_id": unit.pk},
    )


def first_paragraph(article):
    return article.children.order_by("position")[0]


@pytest.fixture
def article(published):
    return published.units.get(label="Article 1er")


def suggest(article, text="Les administrations publient tout en ligne."):
    contribution, _ = actions.suggest_rewording(
        first_paragraph(article), author=UserFactory(), text=text, idempotency_key=key()
    )
    return contribution


def test_a_visitor_reads_the_kept_page_with_a_nonce_of_its_own(client, module, article):
    suggest(article)
    url = article_url(module, article)
    first, second = client.get(url), client.get(url)
    assert not getattr(first, "from_cache", False)
    assert second.from_cache is True
    nonces = []
    for response in (first, second):
        body = response.content.decode()
        assert "1 suggestion sur cet article" in body
        in_page = set(NONCE.findall(body))
        assert len(in_page) == 1
        (nonce,) = in_page
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert second.content.decode().replace(nonces[1], "") == first.content.decode().replace(
        nonces[0], ""
    )


def test_a_suggestion_a_support_and_a_hiding_show_at_once(client, module, article, organiser):
    url = article_url(module, article)
    assert ">0 suggestion sur cet article<" in client.get(url).content.decode()
    assert client.get(url).from_cache is True

    suggestion = suggest(article)
    after_suggestion = client.get(url)
    assert not getattr(after_suggestion, "from_cache", False)
    assert "1 suggestion sur cet article" in after_suggestion.content.decode()

    support_proposal(suggestion, user=UserFactory())
    assert "1 soutien ·" in client.get(url).content.decode()

    hide_contribution(suggestion, actor=organiser, reason="spam")
    assert ">0 suggestion sur cet article<" in client.get(url).content.decode()


def test_a_new_version_shows_at_once(client, module, published, organiser):
    url = reverse("codrafting:module", kwargs={"slug": module.process.slug, "module_id": module.pk})
    client.get(url)
    assert client.get(url).from_cache is True
    draft = actions.start_version(module, actor=organiser)
    assert client.get(url).from_cache is True  # a draft shows nowhere yet
    actions.publish_version(draft, actor=organiser, note="Deuxième lecture.")
    page = client.get(url)
    assert not getattr(page, "from_cache", False)
    assert "Version 2, publiée le" in page.content.decode()


def test_nobody_signed_in_nor_with_a_message_gets_a_kept_page(client, module, article):
    url = article_url(module, article)
    client.get(url)
    assert client.get(url).from_cache is True

    citizen = Client()
    citizen.force_login(UserFactory())
    mine = citizen.get(url)
    assert not getattr(mine, "from_cache", False)
    assert "Se déconnecter" in mine.content.decode()

    told = Client()
    told.cookies["messages"] = "anything"
    assert not getattr(told.get(url), "from_cache", False)
    # …and the page kept for visitors was not the signed-in one.
    assert "Se déconnecter" not in client.get(url).content.decode()


def csrf_of(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_each_organiser_reads_the_kept_list_with_their_own_token_and_answers_with_it():
    version, organiser, made, _discussion = suggested_text()
    module = version.module
    ensure_statuses()
    referent = user_with_role(Role.REFERENT, organisation=module.process.ministry)
    close_participation(module.process, actor=referent)
    article = version.units.get(label="Article 1er")
    url = reverse(
        "codrafting:review",
        kwargs={"pk": module.process_id, "module_id": module.pk, "unit_id": article.pk},
    )
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (first, second):
        browser.force_login(organiser)
    page_one = first.get(url)
    page_two = second.get(url)
    assert page_one.status_code == page_two.status_code == 200
    assert csrf_of(page_one) != csrf_of(page_two)
    assert "Retenue</span>" not in page_one.content.decode()

    target = made["Article 1er"][0]
    answer = reverse(
        "codrafting:answer",
        kwargs={"pk": module.process_id, "module_id": module.pk, "unit_id": article.pk,
                "suggestion_id": target.pk},
    )  # fmt: skip
    form = {f"s{target.pk}-decision": "accepted", f"s{target.pk}-text": "Nous la retenons."}
    refused = second.post(answer, {**form, "csrfmiddlewaretoken": csrf_of(page_one)})
    assert refused.status_code == 403  # the other organiser's token is not this one's
    # The page kept for this reader carries this reader's token, which answers.
    kept = second.get(url)
    assert kept.from_cache is True and csrf_of(kept) != csrf_of(page_two)
    answered = second.post(answer, {**form, "csrfmiddlewaretoken": csrf_of(kept)})
    assert answered.status_code == 302
    told = second.get(url)  # with its message: made for this request, not kept
    assert not getattr(told, "from_cache", False)
    assert "Réponse enregistrée." in told.content.decode()
    assert "Retenue</span>" in first.get(url).content.decode()
    assert "Réponse enregistrée." not in second.get(url).content.decode()


def test_a_kept_review_page_is_its_readers_own_and_gone_with_their_role():
    version, organiser, _made, _discussion = suggested_text()
    module = version.module
    article = version.units.get(label="Article 1er")
    url = reverse(
        "codrafting:review",
        kwargs={"pk": module.process_id, "module_id": module.pk, "unit_id": article.pk},
    )
    colleague = user_with_role(Role.AGENT, organisation=module.process.ministry)
    mine, theirs = Client(), Client()
    mine.force_login(organiser)
    theirs.force_login(colleague)
    assert mine.get(url).status_code == 200
    assert mine.get(url).from_cache is True
    first_of_theirs = theirs.get(url)
    assert first_of_theirs.status_code == 200
    assert not getattr(first_of_theirs, "from_cache", False)
    assert theirs.get(url).from_cache is True
    colleague.memberships.all().delete()  # their role is withdrawn
    refused = theirs.get(url)
    assert refused.status_code == 403
    assert not getattr(refused, "from_cache", False)
    assert mine.get(url).from_cache is True
