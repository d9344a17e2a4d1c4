"""A participant barred by the moderation reads why, where the contribution forms would
be, on every module kind's page: the process's own ban or a block over the whole
platform, until when, the reason, and that reading stays open. Visitors and
contributors are told nothing and pay no query for it."""

import re
import uuid
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concerto.codrafting import actions as codrafting
from concerto.participation.models import Ban
from concerto.proposals import actions as proposals
from tests.codrafting.conftest import DRAFT
from tests.factories import UserFactory, open_module
from tests.meetings.helpers import schedule

pytestmark = pytest.mark.django_db

PROCESS_BAN = (
    "Votre participation à ce dispositif est suspendue "
    "La modération a suspendu votre participation à ce dispositif jusqu'au 12 janvier 2099 "
    "inclus. Motif : Propos injurieux répétés. "
    "Vous pouvez toujours lire ce dispositif et ses contributions. "
    "La modération dans la charte de participation"
)
PLATFORM_BLOCK = (
    "Votre compte ne peut plus contribuer sur la plateforme "
    "La modération a bloqué vos contributions sur toute la plateforme jusqu'à nouvel ordre. "
    "Motif : Publicités répétées (règle « Publicité »). "
    "Vous pouvez toujours lire ce dispositif et ses contributions. "
    "La modération dans la charte de participation"
)
POST_FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*>')
ACTION = re.compile(r'\baction="([^"]*)"')
LOG_OUT = "/deconnexion/"


class _ElementText(HTMLParser):
    """The text of the element with one id, its whitespace runs made single spaces."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id, self.depth, self.parts = element_id, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "link")
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def notice_of(html: str) -> str | None:
    """The barred notice's text, or None where the page has none."""
    parser = _ElementText("barred-notice")
    parser.feed(html)
    return " ".join("".join(parser.parts).split()) if 'id="barred-notice"' in html else None


def _action(form: str) -> str:
    """Where a form posts: its action, or the page itself."""
    found = ACTION.search(form)
    return found.group(1) if found else "(this page)"


def ban_queries(queries) -> int:
    return sum('"participation_ban"' in query["sql"] for query in queries)


def _ban(module, user, *, until=None, platform=False, reason="Propos injurieux répétés."):
    return Ban.objects.create(
        process=None if platform else module.process, user=user, reason=reason,
        actor=module.process.project_lead, until=until,
    )  # fmt: skip


def _block(module, user):
    return _ban(module, user, platform=True, reason="Publicités répétées (règle « Publicité »).")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_process_ban_with_its_date_replaces_the_proposal_form():
    module, _lead = open_module("proposals", title="Vos propositions")
    barred = UserFactory()
    _ban(module, barred, until=date(2099, 1, 12))
    page = _signed_in(barred).get(module.get_absolute_url())
    assert page.status_code == 200
    assert notice_of(page.text) == PROCESS_BAN
    assert "Publier ma proposition" not in page.text
    # Signed in, they are not asked to sign in either.
    assert "Connectez-vous ou créez un compte" not in page.text


def test_the_list_kept_for_a_visitor_is_not_served_to_a_barred_reader():
    """The proposals list is kept for every reader who may do the same; a visitor and a
    barred participant may both not contribute, but one is invited to sign in and the
    other reads why they are barred."""
    module, _lead = open_module("proposals", title="Vos propositions")
    barred = UserFactory()
    _ban(module, barred, until=date(2099, 1, 12))
    visitor = Client().get(module.get_absolute_url())
    assert "Connectez-vous ou créez un compte" in visitor.text
    assert notice_of(visitor.text) is None
    page = _signed_in(barred).get(module.get_absolute_url())
    assert notice_of(page.text) == PROCESS_BAN
    assert "Connectez-vous ou créez un compte" not in page.text
    again = Client().get(module.get_absolute_url())
    assert "Connectez-vous ou créez un compte" in again.text
    assert notice_of(again.text) is None


def test_a_platform_block_without_a_date_is_told_on_every_module_kind():
    proposals_module, lead = open_module("proposals", title="Vos propositions")
    process = proposals_module.process
    barred = UserFactory()
    _block(proposals_module, barred)
    proposal, _created = proposals.submit_proposal(
        proposals_module, author=UserFactory(), title="Des pistes cyclables", body="Partout.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    questionnaire, _lead = open_module("questionnaire", process=process, title="Questionnaire")
    opinion_map, _lead = open_module("opinion_map", process=process, title="Carte")
    dossier, _lead = open_module("dossier", process=process, title="Dossier")
    meetings, _lead = open_module("meetings", process=process, title="Réunions")
    meeting = schedule(meetings, lead)
    text, _lead = open_module("text", process=process, title="Le projet de loi")
    version, _reading = codrafting.import_draft(
        text, actor=lead, data=DRAFT, format="markdown", name="Projet de loi"
    )
    version = codrafting.publish_version(version, actor=lead)
    article = version.units.get(label="Article 1er")
    paragraph = article.children.order_by("position").first()
    suggestion, _created = codrafting.suggest_rewording(
        paragraph, author=UserFactory(), text="Une autre rédaction.", idempotency_key=uuid.uuid4()
    )
    on_proposals = {"slug": process.slug, "module_id": proposals_module.pk}
    on_text = {"slug": process.slug, "module_id": text.pk}
    pages = {
        "proposals": proposals_module.get_absolute_url(),
        "proposal": reverse(
            "proposals:proposal", kwargs={**on_proposals, "proposal_id": proposal.pk}
        ),
        "questionnaire": questionnaire.get_absolute_url(),
        "opinion map": opinion_map.get_absolute_url(),
        "dossier": dossier.get_absolute_url(),
        "source suggestion": reverse(
            "dossiers:suggest", kwargs={"slug": process.slug, "module_id": dossier.pk}
        ),
        "meetings": meetings.get_absolute_url(),
        "meeting": reverse(
            "meetings:detail",
            kwargs={"slug": process.slug, "module_id": meetings.pk, "meeting_id": meeting.pk},
        ),
        "text": text.get_absolute_url(),
        "article": reverse("codrafting:article", kwargs={**on_text, "unit_id": article.pk}),
        "rewording": reverse("codrafting:suggest", kwargs={**on_text, "unit_id": paragraph.pk}),
        "text suggestion": reverse(
            "codrafting:suggestion", kwargs={**on_text, "suggestion_id": suggestion.pk}
        ),
    }
    client = _signed_in(barred)
    told, posted = {}, {}
    for name, url in pages.items():
        page = client.get(url)
        assert page.status_code == 200, name
        told[name] = notice_of(page.text)
        posted[name] = [action for action in map(_action, POST_FORM.findall(page.text))
                        if action != LOG_OUT]  # fmt: skip
        # Nothing says the module is closed, nor asks them to sign in.
        for absent in ("fermé", "pas ouvertes", "Connectez-vous"):
            assert absent not in page.text, (name, absent)
    assert told == dict.fromkeys(pages, PLATFORM_BLOCK)
    # No contribution form: what they may still post is following and reporting.
    assert posted == {
        **dict.fromkeys(pages, []),
        "proposal": ["/abonnements/suivre/", f"/contributions/{proposal.pk}/signalement/"],
    }


def test_a_process_ban_and_a_platform_block_are_both_told_the_block_first():
    module, _lead = open_module("proposals")
    barred = UserFactory()
    _ban(module, barred, until=date(2099, 1, 12))
    _block(module, barred)
    page = _signed_in(barred).get(module.get_absolute_url())
    assert notice_of(page.text) == f"{PLATFORM_BLOCK} {PROCESS_BAN}"


def test_a_ban_of_another_process_or_over_is_not_told():
    module, _lead = open_module("proposals")
    elsewhere, _lead = open_module("proposals")
    citizen = UserFactory()
    _ban(elsewhere, citizen)
    lifted = _ban(module, citizen, until=date(2099, 1, 12))
    lifted.lifted_at = timezone.now()
    lifted.save()
    page = _signed_in(citizen).get(module.get_absolute_url())
    assert notice_of(page.text) is None
    assert "Publier ma proposition" in page.text
    lifted.lifted_at, lifted.until = None, timezone.localdate() - timedelta(days=1)
    lifted.save()
    assert notice_of(_signed_in(citizen).get(module.get_absolute_url()).text) is None


@pytest.mark.parametrize("kind", ["proposals", "opinion_map"])
def test_visitors_and_contributors_read_no_notice_and_query_no_ban(kind):
    """The only ban query of their page is the one their abilities always made."""
    module, _lead = open_module(kind)
    _ban(module, UserFactory())  # someone else's ban
    for client, expected in ((Client(), 0), (_signed_in(UserFactory()), 1)):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(module.get_absolute_url())
        assert page.status_code == 200
        assert notice_of(page.text) is None
        assert ban_queries(queries) == expected


def test_the_barred_notice_queries_once_and_only_for_a_barred_reader():
    module, _lead = open_module("proposals")
    barred, contributor = UserFactory(), UserFactory()
    _ban(module, barred, until=date(2099, 1, 12))
    closed, _lead = open_module(
        "proposals", process=module.process, opens_on=timezone.localdate() - timedelta(days=9),
        closes_on=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    template = Template("{% load bans %}{% barred_notice module abilities %}")

    def render(user, on=module):
        request = RequestFactory().get("/")
        request.user = user
        context = Context({"request": request, "module": on, "abilities": on.get_abilities(user)})
        with CaptureQueriesContext(connection) as queries:
            html = template.render(context)
        return notice_of(html), len(queries)

    assert render(AnonymousUser()) == (None, 0)
    assert render(contributor) == (None, 0)
    assert render(barred, on=closed) == (None, 0)  # closed to everyone: its page says so
    assert render(barred) == (PROCESS_BAN, 1)
