"""Citizens' suggestions on the text: a new wording of an open paragraph, or a new article
after an open article. Each is a contribution (kind PROPOSAL) supported, argued, commented,
merged and answered like a proposal; the Suggestion row says what it changes."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.codrafting.models import Suggestion, SuggestionAction, TextUnit, UnitKind
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import required_text
from concerto.participation.models import Contribution, ContributionKind

EMPTY_WORDING = gettext_lazy("Saisissez la rédaction que vous proposez.")


def _current_open_unit(unit: TextUnit, kind: str) -> TextUnit:
    """The unit, read afresh: of the latest published version, of `kind`, and open."""
    unit = TextUnit.objects.select_related("version__module__process", "parent").get(pk=unit.pk)
    version = unit.version
    latest = version.module.text_versions.filter(published_at__isnull=False).order_by("-number")
    if unit.kind != kind or not version.is_published or latest.first() != version:
        raise ValidationError(_("Ce passage n'est plus celui de la version en vigueur."))
    if not unit.open:
        raise ValidationError(_("Ce passage n'est pas ouvert aux suggestions."))
    return unit


def _place(unit: TextUnit) -> str:
    """Where a suggestion applies, for its title: "Article 3, alinéa 2"."""
    if unit.kind == UnitKind.ARTICLE:
        return unit.label or unit.heading
    article = unit.parent
    rank = list(article.children.order_by("position", "pk").values_list("pk", flat=True))
    return _("%(article)s, alinéa %(rank)s") % {
        "article": article.label or article.heading,
        "rank": rank.index(unit.pk) + 1,
    }


def _submit(unit, *, author, action, text, title, heading="", explanation, pseudonym, key, address):
    with transaction.atomic():
        contribution, created = submit_contribution(
            unit.version.module, author=author, kind=ContributionKind.PROPOSAL, body=text,
            idempotency_key=key, address=address, title=title[:200],
            pseudonym=pseudonym.strip(),
        )  # fmt: skip
        if created:
            Suggestion.objects.create(
                contribution=contribution, unit=unit, action=action,
                base_text=unit.text if action == SuggestionAction.REWORD else "",
                heading=heading.strip()[:300], explanation=explanation.strip()[:5000],
            )  # fmt: skip
    return contribution, created


def suggest_rewording(
    unit: TextUnit,
    *,
    author,
    text: str,
    explanation: str = "",
    pseudonym: str = "",
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Contribution, bool]:
    """Propose a new wording of an open paragraph, exactly once per idempotency key."""
    unit = _current_open_unit(unit, UnitKind.PARAGRAPH)
    text = required_text(text, field="text", message=EMPTY_WORDING)
    if " ".join(text.split()) == " ".join(unit.text.split()):
        raise ValidationError({"text": _("Votre rédaction est identique au texte actuel.")})
    title = _("%(place)s : nouvelle rédaction") % {"place": _place(unit)}
    return _submit(
        unit, author=author, action=SuggestionAction.REWORD, text=text, title=title,
        explanation=explanation, pseudonym=pseudonym, key=idempotency_key, address=address,
    )  # fmt: skip


def suggest_article(
    after: TextUnit,
    *,
    author,
    heading: str,
    text: str,
    explanation: str = "",
    pseudonym: str = "",
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Contribution, bool]:
    """Propose a new article, to come after article `after` (open to suggestions)."""
    after = _current_open_unit(after, UnitKind.ARTICLE)
    text = required_text(text, field="text", message=EMPTY_WORDING)
    heading = heading.strip()
    title = _("Nouvel article après l'%(place)s") % {"place": _place(after).lower()}
    if heading:
        title = f"{title} : {heading}"
    return _submit(
        after, author=author, action=SuggestionAction.NEW_ARTICLE, text=text, title=title,
        heading=heading, explanation=explanation, pseudonym=pseudonym, key=idempotency_key,
        address=address,
    )  # fmt: skip
