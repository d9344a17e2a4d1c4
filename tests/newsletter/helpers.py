"""Editions and subscribers for the newsletter's tests, built through the real actions."""

import re

from django.utils.text import slugify

from concerto.newsletter import actions
from concerto.newsletter.models import NewsletterEditionPage, NewsletterIndexPage

BLOCKS = [
    {"type": "heading", "value": "Les rendez-vous de décembre"},
    {"type": "paragraph", "value": '<p>Le réseau se réunit le <b>12 décembre</b>.</p>'},
    {"type": "callout", "value": {"title": "À retenir",
                                  "text": "Saisissez le CIPC avant de lancer la démarche."}},
    {"type": "button", "value": {"label": "Lire le guide",
                                 "url": "https://www.exemple.fr/guide/"}},
    {"type": "quote", "value": {"text": "Associer tôt, c'est décider mieux.",
                                "author": "Une référente"}},
]  # fmt: skip


def edition(title="Lettre de décembre", *, send_at=None, publish=True, body=None, **audiences):
    """An edition under the archive; every audience unless told otherwise."""
    archive = NewsletterIndexPage.objects.get()
    page = NewsletterEditionPage(
        title=title,
        slug=slugify(title),
        body=body or BLOCKS,
        send_at=send_at,
        live=False,
        **audiences,
    )
    archive.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def subscriber(email, audience="public", *, confirmed=True, unsubscribed=False):
    person, audience = actions.request_subscription(email=email, audience=audience)
    if confirmed:
        person = actions.confirm_subscription(person, audience)
    if unsubscribed:
        actions.unsubscribe(email)
        person.refresh_from_db()
    return person


def confirmation_link(message) -> str:
    """The path of the confirmation link in a confirmation e-mail."""
    return re.search(r"https?://[^/\s]+(/lettre/confirmer/[^\s]+/)", message.body).group(1)
