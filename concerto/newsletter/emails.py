"""The newsletter's e-mails: an edition rendered from its blocks into simple HTML (inline
styles, 600 px wide, the State's identity) and plain text; the confirmation e-mail.

An edition is rendered once per campaign with a placeholder where each recipient's
unsubscribe link goes (`render_edition`); `personalise` only puts the link in."""

import html
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from concerto.mailing.kinds import Rendered
from concerto.mailing.outbox import send_one
from concerto.mailing.unsubscribe import unsubscribe_url
from concerto.newsletter.tokens import MAX_AGE_DAYS
from concerto.plaintext import html_to_text

SCOPE = "newsletter"
# Stands for the recipient's unsubscribe link until `personalise` replaces it; only
# letters and underscores, so that escaping leaves it as it is.
UNSUBSCRIBE_MARK = "__concerto_newsletter_unsubscribe_url__"
TEST_PREFIX = "[Essai] "

FONT = "font-family:Arial,Helvetica,sans-serif;color:#161616;"
STYLES = {
    "heading": FONT + "font-size:22px;line-height:28px;font-weight:bold;margin:24px 0 8px;",
    "paragraph": FONT + "font-size:16px;line-height:24px;margin:0 0 16px;",
    "callout": FONT + "font-size:16px;line-height:24px;margin:0 0 16px;padding:16px 20px;"
    "background-color:#eeeeee;border-left:4px solid #6a6af4;",
    "callout_title": "font-size:18px;line-height:24px;font-weight:bold;margin:0 0 8px;",
    "button": "display:inline-block;background-color:#000091;color:#ffffff;padding:8px 16px;"
    "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;"
    "text-decoration:none;",
    "quote": FONT + "font-size:18px;line-height:28px;font-style:italic;margin:0 0 16px;"
    "padding:0 0 0 16px;border-left:4px solid #000091;",
}
_RELATIVE_HREF = re.compile(r'href="/')
_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class EditionMail:
    """An edition's e-mail, the same for every recipient but for UNSUBSCRIBE_MARK."""

    subject: str
    text: str
    html: str


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def _rich_text_html(value) -> str:
    # Links to pages and documents come out relative: an e-mail needs them whole.
    return _RELATIVE_HREF.sub(
        f'href="{settings.SITE_URL.rstrip("/")}/', expand_db_html(value.source)
    )


def _rich_text_text(value) -> str:
    with_urls = _LINK.sub(lambda link: f"{link.group(2)} ({html.unescape(link.group(1))})",
                          _rich_text_html(value))  # fmt: skip
    return html_to_text(with_urls)


def block_html(block) -> str:
    kind, value = block.block_type, block.value
    if kind == "heading":
        return format_html('<h2 style="{}">{}</h2>', STYLES["heading"], value)
    if kind == "paragraph":
        return format_html('<div style="{}">{}</div>', STYLES["paragraph"],
                           mark_safe(_rich_text_html(value)))  # fmt: skip
    if kind == "callout":
        title = (format_html('<p style="{}">{}</p>', STYLES["callout_title"], value["title"])
                 if value["title"] else "")  # fmt: skip
        return format_html('<div style="{}">{}<p style="margin:0;">{}</p></div>',
                           STYLES["callout"], title, value["text"])  # fmt: skip
    if kind == "button":
        return format_html('<p style="margin:0 0 16px;"><a href="{}" style="{}">{}</a></p>',
                           value["url"], STYLES["button"], value["label"])  # fmt: skip
    if kind == "quote":
        author = format_html("<br>— {}", value["author"]) if value["author"] else ""
        return format_html('<blockquote style="{}">« {} »{}</blockquote>', STYLES["quote"],
                           value["text"], author)  # fmt: skip
    raise ValueError(f"no e-mail rendering for the block {kind!r}")


def block_text(block) -> str:
    kind, value = block.block_type, block.value
    if kind == "heading":
        return f"{value}\n{'=' * len(value)}"
    if kind == "paragraph":
        return _rich_text_text(value)
    if kind == "callout":
        return "\n".join(part for part in (value["title"], value["text"]) if part)
    if kind == "button":
        return f"{value['label']} : {value['url']}"
    if kind == "quote":
        return f"« {value['text']} »" + (f"\n— {value['author']}" if value["author"] else "")
    raise ValueError(f"no e-mail rendering for the block {kind!r}")


def render_edition(edition, *, subject_prefix: str = "") -> EditionMail:
    """The edition's e-mail from its blocks, UNSUBSCRIBE_MARK standing for the link."""
    context = {
        "edition": edition,
        "blocks_html": mark_safe("\n".join(block_html(block) for block in edition.body)),
        "blocks_text": "\n\n".join(block_text(block) for block in edition.body),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "archive_url": absolute(edition.get_parent().url or "/"),
    }
    return EditionMail(
        subject=subject_prefix + edition.title,
        text=render_to_string("newsletter/emails/edition.txt", context),
        html=render_to_string("newsletter/emails/edition.html", context),
    )


def personalise(mail: EditionMail, unsubscribe_url: str) -> Rendered:
    return Rendered(
        subject=mail.subject,
        text=mail.text.replace(UNSUBSCRIBE_MARK, unsubscribe_url),
        html=mail.html.replace(UNSUBSCRIBE_MARK, html.escape(unsubscribe_url)),
        unsubscribe_scope=SCOPE,
    )


def _seed(*parts) -> str:
    # One-off messages: each send is a new message, so the moment is part of its id.
    return ":".join(["newsletter", *map(str, parts), str(time.time_ns())])


def send_test_edition(edition, *, address: str) -> None:
    mail = render_edition(edition, subject_prefix=TEST_PREFIX)
    # A test is not a delivery: nothing to unsubscribe from, so no List-Unsubscribe header.
    rendered = personalise(mail, unsubscribe_url(address, SCOPE))
    rendered = Rendered(subject=rendered.subject, text=rendered.text, html=rendered.html,
                        unsubscribe_scope="")  # fmt: skip
    send_one(address=address, rendered=rendered,
             message_id_seed=_seed("test", edition.pk))  # fmt: skip


def send_confirmation(subscriber, token: str) -> None:
    """The double opt-in e-mail: the link that confirms the subscription."""
    context = {
        "link": absolute(reverse("newsletter:confirm", args=[token])),
        "days": MAX_AGE_DAYS,
    }
    rendered = Rendered(
        subject=_("Confirmez votre abonnement à la lettre d'information du CIPC"),
        text=render_to_string("newsletter/emails/confirm.txt", context),
        html=render_to_string("newsletter/emails/confirm.html", context),
        unsubscribe_scope="",
    )
    send_one(address=subscriber.email, rendered=rendered,
             message_id_seed=_seed("confirm", subscriber.pk))  # fmt: skip


def send_unsubscribe_link(address: str) -> None:
    """The link that unsubscribes `address`, for whoever asked from the site without one."""
    context = {"link": unsubscribe_url(address, SCOPE)}
    rendered = Rendered(
        subject=_("Votre désabonnement de la lettre d'information du CIPC"),
        text=render_to_string("newsletter/emails/unsubscribe_link.txt", context),
        html=render_to_string("newsletter/emails/unsubscribe_link.html", context),
        unsubscribe_scope="",
    )
    send_one(address=address, rendered=rendered,
             message_id_seed=_seed("unsubscribe-link", address))  # fmt: skip
