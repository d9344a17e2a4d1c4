"""Running an analysis, and publishing its synthesis."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.analysis import curation
from concerto.analysis.abilities import analysis_abilities
from concerto.analysis.loading import closed_questions, module_inputs, participation_figures
from concerto.analysis.models import (
    Analysis,
    Assignment,
    CampaignGroup,
    Synthesis,
    SynthesisTheme,
    Theme,
)
from concerto.engines.textmining import Params, analyse
from concerto.jobs.progress import start_job
from concerto.participation.models import Contribution

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def start_analysis(module, *, actor, n_themes: int | None = None):
    """Queue an analysis of the module's contributions; returns its job."""
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


def compute_analysis(analysis: Analysis, progress=None) -> Analysis:
    """Run the engine, store its result, then re-apply the analysts' operations."""
    module = analysis.module
    inputs = module_inputs(module)
    result = analyse(
        inputs.texts,
        inputs.authors,
        inputs.moments,
        Params(n_themes=analysis.requested_themes, seed=analysis.seed),
        progress,
    )
    ids = inputs.ids
    with transaction.atomic():
        themes = Theme.objects.bulk_create(
            Theme(
                analysis=analysis,
                position=t.id,
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
                    duplicate_group=int(result.duplicate_group[i])
                    if result.duplicate_group[i] >= 0
                    else None,
                    is_copy=bool(result.is_copy[i]),
                    is_own_repeat=bool(result.is_self_repeat[i]),
                )
                for i in range(len(ids))
            ),
            batch_size=2000,
        )
        analysis.figures = participation_figures(inputs, result)
        analysis.closed_questions = closed_questions(module)
        analysis.status = Analysis.Status.DONE
        analysis.finished_at = timezone.now()
        analysis.save(update_fields=["figures", "closed_questions", "status", "finished_at"])
        curation.replay(analysis)
    return analysis


def latest_analysis(module) -> Analysis | None:
    return (
        module.analyses.filter(status=Analysis.Status.DONE).order_by("-created_at", "-pk").first()
    )


@transaction.atomic
def publish_synthesis(analysis: Analysis, *, actor) -> Synthesis:
    """Snapshot the curated analysis as the module's public synthesis (replacing
    an earlier one: the link a follow-up answer holds is kept by theme position)."""
    module = analysis.module
    if not analysis_abilities(module, actor)["publish"]:
        raise PermissionDenied
    figures = dict(analysis.figures)
    figures["themes"] = analysis.themes.count()
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
    themes = list(analysis.themes.order_by("-size", "position", "pk"))
    quote_ids = {q for t in themes for q in t.quotes}
    texts = {
        c.pk: c
        for c in Contribution.objects.filter(pk__in=quote_ids).only(
            "pk", "title", "body", "channel"
        )
    }
    for position, theme in enumerate(themes):
        row = kept.pop(position, None) or SynthesisTheme(synthesis=synthesis, position=position)
        row.label = theme.label
        row.size = theme.size
        row.authors = theme.authors
        row.quotes = [
            {"text": texts[q].body, "channel": texts[q].get_channel_display()}
            for q in theme.quotes
            if q in texts
        ]
        row.save()
    SynthesisTheme.objects.filter(pk__in=[t.pk for t in kept.values()]).delete()
    return synthesis
