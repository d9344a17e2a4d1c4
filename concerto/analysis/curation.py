"""Analysts' changes to an analysis, stored as operations and re-applied on re-runs.

A theme is named in an operation by up to ANCHORS of its contributions: after a
re-run on more contributions, the theme holding most of them is the same theme.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.models import Analysis, Assignment, CampaignGroup, Operation, Theme
from concerto.analysis.quotes import screen
from concerto.participation.models import Contribution

ANCHORS = 50


def _require(analysis: Analysis, actor) -> None:
    if not analysis_abilities(analysis.module, actor)["curate"]:
        raise PermissionDenied


def anchors(theme: Theme) -> list[int]:
    return list(
        theme.assignments.order_by("contribution_id").values_list("contribution_id", flat=True)[
            :ANCHORS
        ]
    )


def resolve(analysis: Analysis, anchor_ids: list[int]) -> Theme | None:
    """The theme of `analysis` holding most of the anchor contributions."""
    best = (
        Assignment.objects.filter(
            analysis=analysis, contribution_id__in=anchor_ids, theme__isnull=False
        )
        .values("theme")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme")
        .first()
    )
    return Theme.objects.get(pk=best["theme"]) if best else None


def _record(analysis: Analysis, actor, kind: str, payload: dict) -> Operation:
    operation = Operation.objects.create(
        module=analysis.module, kind=kind, payload=payload, actor=actor
    )
    apply(analysis, operation)
    recount(analysis)
    return operation


def _check_version(theme: Theme, version: int | None) -> None:
    if version is not None and version != theme.version:
        raise ValidationError(
            _("Ce thème a été modifié entre-temps par une autre personne : rechargez la page.")
        )


@transaction.atomic
def rename_theme(theme: Theme, *, actor, label: str, version: int | None = None) -> Theme:
    theme = Theme.objects.select_for_update().select_related("analysis__module").get(pk=theme.pk)
    _require(theme.analysis, actor)
    _check_version(theme, version)
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Donnez un intitulé au thème.")})
    _record(theme.analysis, actor, Operation.Kind.RENAME, {"theme": anchors(theme), "label": label})
    theme.refresh_from_db()
    return theme


@transaction.atomic
def merge_themes(analysis: Analysis, themes: list[Theme], *, actor, label: str = "") -> Theme:
    _require(analysis, actor)
    themes = list(
        Theme.objects.select_for_update().filter(analysis=analysis, pk__in=[t.pk for t in themes])
    )
    if len(themes) < 2:
        raise ValidationError({"themes": _("Choisissez au moins deux thèmes à fusionner.")})
    if len({t.section_key for t in themes}) > 1:
        # Themes belong to one section each (an open question, an article): merging
        # across sections would mix answers to different questions or articles.
        if any(t.question_id for t in themes):
            message = _("Fusionnez des thèmes d'une même question du questionnaire.")
        else:
            message = _("Fusionnez des thèmes d'un même article du texte.")
        raise ValidationError({"themes": message})
    themes.sort(key=lambda t: (-t.size, t.position, t.pk))
    payload = {"themes": [anchors(t) for t in themes], "label": label.strip()}
    _record(analysis, actor, Operation.Kind.MERGE, payload)
    return resolve(analysis, payload["themes"][0])


@transaction.atomic
def move_contributions(
    analysis: Analysis,
    contribution_ids: list[int],
    *,
    actor,
    target: Theme | None = None,
    new_label: str = "",
) -> Theme:
    """Move contributions to another theme, or to a new one (a split)."""
    _require(analysis, actor)
    ids = sorted(
        Assignment.objects.filter(
            analysis=analysis, contribution_id__in=contribution_ids
        ).values_list("contribution_id", flat=True)
    )
    if not ids:
        raise ValidationError({"contributions": _("Choisissez au moins une contribution.")})
    if target is None and not new_label.strip():
        raise ValidationError(
            {"target": _("Choisissez le thème de destination ou nommez un nouveau thème.")}
        )
    if target is not None:
        payload = {"contributions": ids, "theme": anchors(target)}
        _record(analysis, actor, Operation.Kind.MOVE, payload)
        return resolve(analysis, payload["theme"])
    _record(
        analysis, actor, Operation.Kind.SPLIT, {"contributions": ids, "label": new_label.strip()}
    )
    return resolve(analysis, ids)


@transaction.atomic
def review_campaign(campaign: CampaignGroup, *, actor, review: str) -> CampaignGroup:
    analysis = campaign.analysis
    _require(analysis, actor)
    if review not in CampaignGroup.Review.values:
        raise ValidationError({"review": _("Choix inconnu.")})
    members = list(
        campaign.assignments.order_by("contribution_id").values_list("contribution_id", flat=True)[
            :ANCHORS
        ]
    )
    _record(analysis, actor, Operation.Kind.CAMPAIGN, {"campaign": members, "review": review})
    campaign.refresh_from_db()
    return campaign


def apply(analysis: Analysis, operation: Operation) -> None:
    """Apply one operation; one that no longer finds its themes does nothing."""
    payload = operation.payload
    kind = operation.kind
    if kind == Operation.Kind.RENAME:
        theme = resolve(analysis, payload["theme"])
        if theme:
            Theme.objects.filter(pk=theme.pk).update(label=payload["label"][:200])
    elif kind == Operation.Kind.MERGE:
        found = [resolve(analysis, a) for a in payload["themes"]]
        found = list({t.pk: t for t in found if t}.values())
        if len(found) >= 2:
            target, others = found[0], found[1:]
            Assignment.objects.filter(theme__in=others).update(theme=target)
            quotes = target.quotes + [q for t in others for q in t.quotes]
            Theme.objects.filter(pk__in=[t.pk for t in others]).delete()
            target.quotes = list(dict.fromkeys(quotes))[:3]
            if payload.get("label"):
                target.label = payload["label"][:200]
            target.save(update_fields=["quotes", "label"])
    elif kind == Operation.Kind.MOVE:
        target = resolve(analysis, payload["theme"])
        if target:
            Assignment.objects.filter(
                analysis=analysis, contribution_id__in=payload["contributions"]
            ).update(theme=target)
    elif kind == Operation.Kind.SPLIT:
        position = (
            analysis.themes.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        # The new theme belongs to the section (question, article) of its contributions.
        section = (
            Assignment.objects.filter(
                analysis=analysis, contribution_id__in=payload["contributions"], theme__isnull=False
            )
            .values(
                "theme__question_id",
                "theme__section_key",
                "theme__section_label",
                "theme__section_position",
            )
            .first()
        ) or {}
        theme = Theme.objects.create(
            analysis=analysis,
            position=position,
            label=payload["label"][:200],
            **{name.removeprefix("theme__"): value for name, value in section.items()},
        )
        moved = Assignment.objects.filter(
            analysis=analysis, contribution_id__in=payload["contributions"]
        ).update(theme=theme)
        if not moved:
            theme.delete()
    elif kind == Operation.Kind.CAMPAIGN:
        best = (
            Assignment.objects.filter(
                analysis=analysis, contribution_id__in=payload["campaign"], campaign__isnull=False
            )
            .values("campaign")
            .annotate(n=Count("pk"))
            .order_by("-n", "campaign")
            .first()
        )
        if best:
            CampaignGroup.objects.filter(pk=best["campaign"]).update(review=payload["review"])
    Theme.objects.filter(analysis=analysis).update(version=F("version") + 1)


def replay(analysis: Analysis) -> None:
    for operation in analysis.module.analysis_operations.order_by("at", "pk"):
        apply(analysis, operation)
    recount(analysis)


def recount(analysis: Analysis) -> None:
    """Sizes, distinct authors and quotes after manual changes; empty themes go.
    Quotes are screened (concerto.analysis.quotes): a campaign's text or a copy
    that a merge, a move or a hand-made theme would bring is never kept."""
    analysis.themes.filter(assignments__isnull=True).delete()
    themes = list(analysis.themes.all())
    figures: dict[int, tuple[int, int]] = {}
    candidates: dict[int, list[int]] = {}
    for theme in themes:
        members = Contribution.objects.filter(pk__in=theme.assignments.values("contribution_id"))
        size = members.count()
        authors = members.exclude(author__isnull=True).values("author").distinct().count()
        authors += members.filter(author__isnull=True).count()
        figures[theme.pk] = (size, authors)
        member_ids = set(theme.assignments.values_list("contribution_id", flat=True))
        quotes = [q for q in theme.quotes if q in member_ids]
        candidates[theme.pk] = quotes or _pick_quotes(theme)
    screened = screen(analysis, candidates)
    # Quotes kept from before, all set aside (a campaign's text a merge brought):
    # the theme's quotes are picked again.
    again = {
        theme.pk: _pick_quotes(theme)
        for theme in themes
        if not screened[theme.pk] and candidates[theme.pk]
    }
    if again:
        screened.update(screen(analysis, again))
    for theme in themes:
        size, authors = figures[theme.pk]
        Theme.objects.filter(pk=theme.pk).update(
            size=size, authors=authors, quotes=screened[theme.pk]
        )


def _pick_quotes(theme: Theme) -> list[int]:
    """Mid-length texts, as the engine chooses, for a theme made by hand: among
    texts that may be quoted (neither copies nor a campaign's texts)."""
    rows = sorted(
        theme.assignments.filter(is_copy=False, is_own_repeat=False)
        .filter(Q(campaign__isnull=True) | Q(campaign__review=CampaignGroup.Review.DISMISSED))
        .values_list("contribution_id", "contribution__body"),
        key=lambda row: (len(row[1]), row[0]),
    )
    if not rows:
        return []
    middle = len(rows) // 2
    return [pk for pk, _body in rows[max(0, middle - 1) : middle + 2]]
