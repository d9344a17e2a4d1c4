"""Running an analysis, and publishing its synthesis."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.analysis import curation, quotes
from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.loading import (
    Section,
    closed_questions,
    module_inputs,
    participation_figures,
)
from concerto.analysis.models import (
    Analysis,
    Assignment,
    CampaignGroup,
    Synthesis,
    SynthesisTheme,
    Theme,
)
from concerto.engines import textmining
from concerto.jobs.progress import start_job
from concerto.participation.models import Contribution
from concerto.processes.actions.common import locked, transition
from concerto.processes.lifecycle import PROCESS_WORKFLOW

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
REVIEW_REQUIRED = gettext_lazy(
    "Cochez la case pour confirmer que vous avez relu la synthèse : elle n'a pas été publiée."
)


def start_analysis(module, *, actor, n_themes: int | None = None):
    """Queue an analysis of the module's contributions; returns its job."""
    # cycle: analysis.tasks imports analysis.actions
    from concerto.analysis.tasks import run_analysis

    if not analysis_abilities(module, actor)["run"]:
        raise PermissionDenied
    with transaction.atomic():
        analysis = Analysis.objects.create(
            module=module, requested_themes=n_themes, created_by=actor
        )
        job = start_job(
            run_analysis,
            owner=actor,
            label=_("Analyse des contributions : %(module)s") % {"module": module.title},
            analysis_id=analysis.pk,
        )
        Analysis.objects.filter(pk=analysis.pk).update(job=job)
    return job


def _stage_progress(progress, index: int, count: int):
    """The engine's progress for the question `index` of `count`."""
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        progress(stage, done, total, part=(index, count))

    return report


def compute_analysis(analysis: Analysis, progress=None) -> Analysis:
    """Run the engine once per section (a questionnaire is analysed question by
    question, a text to co-draft article by article; texts in no section form their
    own group),
    store the results, then re-apply the analysts' operations."""
    module = analysis.module
    inputs = module_inputs(module)
    groups = inputs.groups()
    params = textmining.Params(n_themes=analysis.requested_themes, seed=analysis.seed)
    # The engine runs outside the transaction: no lock is held while it works.
    results = [
        (
            section,
            [inputs.ids[i] for i in rows],
            textmining.analyse(
                [inputs.texts[i] for i in rows],
                [inputs.authors[i] for i in rows],
                [inputs.moments[i] for i in rows],
                params,
                _stage_progress(progress, index, len(groups)),
            ),
        )
        for index, (section, rows) in enumerate(groups.items())
    ]
    totals = {"copies": 0, "own_repeats": 0, "in_campaigns": 0, "campaigns": 0, "unclassified": 0}
    with transaction.atomic():
        position = 0
        duplicate_offset = 0
        for section, ids, result in results:
            _store(analysis, section, result, ids, position, duplicate_offset)
            position += len(result.themes)
            duplicate_offset += int(result.duplicate_group.max(initial=-1)) + 1
            totals["copies"] += result.n_copies
            totals["own_repeats"] += result.n_self_repeats
            totals["in_campaigns"] += result.n_in_campaigns
            totals["campaigns"] += len(result.campaigns)
            totals["unclassified"] += int((result.theme < 0).sum())
        analysis.figures = participation_figures(inputs, totals)
        analysis.closed_questions = closed_questions(module)
        analysis.status = Analysis.Status.DONE
        analysis.finished_at = timezone.now()
        analysis.save(update_fields=["figures", "closed_questions", "status", "finished_at"])
        curation.replay(analysis)
    return analysis


def _section_fields(section: Section | None) -> dict:
    if section is None:
        return {}
    return {
        "question_id": section.question_id,
        "section_key": section.key,
        "section_label": section.label[:500],
        "section_position": section.position,
    }


def _store(analysis, section, result, ids, position, duplicate_offset) -> None:
    themes = Theme.objects.bulk_create(
        Theme(
            analysis=analysis,
            **_section_fields(section),
            position=position + t.id,
            label=t.label,
            terms=t.terms,
            quotes=[ids[q] for q in t.quotes],
            size=t.size,
            authors=t.authors,
        )
        for t in result.themes
    )
    campaigns = CampaignGroup.objects.bulk_create(
        CampaignGroup(
            analysis=analysis,
            **_section_fields(section),
            kind=c.kind,
            size=c.size,
            authors=c.authors,
            example_id=ids[c.example],
            sentence=c.sentence,
            days={
                date.fromordinal(EPOCH_ORDINAL + d).isoformat(): n
                for d, n in sorted(c.days.items())
            },
        )
        for c in result.campaigns
    )
    Assignment.objects.bulk_create(
        (
            Assignment(
                analysis=analysis,
                contribution_id=ids[i],
                theme=themes[result.theme[i]] if result.theme[i] >= 0 else None,
                campaign=campaigns[result.campaign[i]] if result.campaign[i] >= 0 else None,
                duplicate_group=duplicate_offset + int(result.duplicate_group[i])
                if result.duplicate_group[i] >= 0
                else None,
                is_copy=bool(result.is_copy[i]),
                is_own_repeat=bool(result.is_self_repeat[i]),
            )
            for i in range(len(ids))
        ),
        batch_size=2000,
    )


def latest_analysis(module) -> Analysis | None:
    return (
        module.analyses.filter(status=Analysis.Status.DONE).order_by("-created_at", "-pk").first()
    )


def campaign_groups(analysis: Analysis) -> list[dict]:
    """The campaigns a synthesis reports, with their size: those detected or
    confirmed (one the analysts dismissed is ordinary texts)."""
    return [
        {
            "kind": campaign.kind,
            "kind_label": str(campaign.get_kind_display()),
            "size": campaign.size,
            "authors": campaign.authors,
            "confirmed": campaign.review == CampaignGroup.Review.CONFIRMED,
        }
        for campaign in analysis.campaigns.exclude(review=CampaignGroup.Review.DISMISSED).order_by(
            "-size", "pk"
        )
    ]


@transaction.atomic
def publish_synthesis(analysis: Analysis, *, actor, reviewed: bool) -> Synthesis:
    """Snapshot the curated analysis as the module's public synthesis (replacing
    an earlier one: the link a follow-up answer holds is kept by theme position).

    `reviewed`: the publisher confirmed having read the review of the analysis
    (concerto.analysis.review: automatic labels, campaigns to examine, themes
    without quotes); without it, nothing is published. Only quotes that may
    stand for a theme are kept (concerto.analysis.quotes)."""
    module = analysis.module
    if not analysis_abilities(module, actor)["publish"]:
        raise PermissionDenied
    if not reviewed:
        raise ValidationError({"confirm": REVIEW_REQUIRED})
    figures = dict(analysis.figures)
    figures["themes"] = analysis.themes.count()
    figures["analysed"] = analysis.assignments.filter(theme__isnull=False).count()
    groups = campaign_groups(analysis)
    figures["campaign_groups"] = groups
    figures["campaigns"] = len(groups)
    figures["in_campaigns"] = sum(group["size"] for group in groups)
    synthesis, _created = Synthesis.objects.select_for_update().update_or_create(
        module=module,
        defaults={
            "analysis": analysis,
            "figures": figures,
            "closed_questions": analysis.closed_questions,
            "published_at": timezone.now(),
            "published_by": actor,
        },
    )
    kept = {t.position: t for t in synthesis.themes.all()}
    themes = sorted(
        analysis.themes.select_related("question"),
        key=lambda t: (
            t.section_position,
            t.section_key,
            -t.size,
            t.position,
            t.pk,
        ),
    )
    quote_ids = {q for t in themes for q in t.quotes}
    texts = {
        c.pk: c
        for c in Contribution.objects.filter(pk__in=quote_ids).only(
            "pk", "title", "body", "channel"
        )
    }
    accepted = quotes.screen(
        analysis, {t.pk: t.quotes for t in themes}, {pk: c.body for pk, c in texts.items()}
    )
    for position, theme in enumerate(themes):
        row = kept.pop(position, None) or SynthesisTheme(synthesis=synthesis, position=position)
        row.source = theme
        row.label = theme.label
        # An open question's text as it reads now; an article's title as analysed.
        row.question = theme.question.text if theme.question else theme.section_label
        row.question_position = (
            theme.question.position if theme.question else theme.section_position
        )
        row.size = theme.size
        row.authors = theme.authors
        row.quotes = [
            {"text": texts[q].body, "channel": texts[q].get_channel_display()}
            for q in accepted[theme.pk]
        ]
        row.save()
        # Answers to the curated theme, written before this publication, link to it.
        row.answers.add(*theme.followup_answers.all())
    SynthesisTheme.objects.filter(pk__in=[t.pk for t in kept.values()]).delete()
    # A closed process's contributions are now analysed and published; a synthesis
    # published while participation runs, or a later one, leaves the status as it is.
    process = locked(module.process)
    if PROCESS_WORKFLOW.allows(process, "publish_synthesis"):
        transition(process, "publish_synthesis", actor, _("Synthèse publiée : %s") % module.title)
    return synthesis
