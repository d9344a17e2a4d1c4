"""What makes the follow-up counts out of date, heard from the domains that change it.

Every change made through a model's `save()`, `delete()` or a many-to-many manager is
heard here, so that no action (nor a test factory) can forget to say so, and the domains
that change the counts need not know the follow-up exists: an answer saved, published or
linked to contributions; a contribution written, withdrawn, hidden or restored; a process
published or moved along its lifecycle; an analysis finished or curated (its themes feed
the workspace's theme filter and "nouvelles depuis la réponse"). The one write that
bypasses them, the linking job's bulk insert, calls counts.changed itself.

The public follow-up pages, kept rendered for visitors, also show what does not move the
counts (counts.pages_scope): milestones, citizens' ratings, commitments and their dates,
the published synthesis and its themes' answers, the panel's recommendations. Their
changes are heard here too; those of other apps by the sender's name, so that this app
imports none of them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from concerto import generations
from concerto.analysis.models import Analysis, Operation, SynthesisTheme
from concerto.followup import counts
from concerto.followup.models import Answer
from concerto.participation.models import Contribution, Module
from concerto.processes.models import Process


def _module_process(module_id: int, module=None) -> int | None:
    if module is not None:
        return module.process_id
    return Module.objects.filter(pk=module_id).values_list("process_id", flat=True).first()


def _from_module_of(instance) -> None:
    # The module is usually loaded already (the action had it in hand): no query then.
    cached = type(instance).module.is_cached(instance)
    process_id = _module_process(instance.module_id, instance.module if cached else None)
    if process_id is not None:
        counts.changed(process_id)


def module_row_changed(sender, instance, raw=False, **kwargs) -> None:
    """A contribution, an analysis or a curation operation: each names its module."""
    if not raw:
        _from_module_of(instance)


def answer_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        counts.changed(instance.process_id)


def links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:
        # From the contribution's side: an answer covers contributions of its own process.
        _from_module_of(instance)
    else:
        counts.changed(instance.process_id)


def process_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk:
        counts.changed(instance.pk)


def _of_answer(instance) -> int | None:
    if type(instance).answer.is_cached(instance):
        return instance.answer.process_id
    return Answer.objects.filter(pk=instance.answer_id).values_list("process_id", flat=True).first()


def _of_panel(instance) -> int | None:
    panels = type(instance).panel.get_queryset()
    return panels.filter(pk=instance.panel_id).values_list("process_id", flat=True).first()


def _of_synthesis(instance) -> int | None:
    return _module_process(instance.module_id)


SHOWN = {
    "followup.Milestone": _of_answer,
    "followup.Rating": _of_answer,
    "followup.AnswerVersion": lambda instance: instance.process_id,
    "followup.CommitmentVersion": lambda instance: instance.process_id,
    "processes.FollowUpCommitment": lambda instance: instance.process_id,
    "panels.Recommendation": _of_panel,
    "analysis.Synthesis": _of_synthesis,
}


def synthesis_answers_changed(sender, instance, action, reverse, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # answer.synthesis_themes
        counts.shown(instance.process_id)
    else:
        process_id = _module_process(instance.synthesis.module_id)
        if process_id is not None:
            counts.shown(process_id)


def connect() -> None:
    generations.renew_on_rows(SHOWN, counts.shown, "followup-shown")
    m2m_changed.connect(
        synthesis_answers_changed,
        sender=SynthesisTheme.answers.through,
        dispatch_uid="followup-shown-themes",
    )
    # Saves only for contributions: a receiver of their deletion would make Django load
    # every contribution of a deleted module one by one instead of deleting them in bulk
    # (they leave only with their module or process, whose own change is heard).
    post_save.connect(module_row_changed, sender=Contribution, dispatch_uid="followup-c")
    for signal in (post_save, post_delete):
        signal.connect(process_changed, sender=Process, dispatch_uid="followup-p")
        signal.connect(answer_changed, sender=Answer, dispatch_uid="followup-answer")
    m2m_changed.connect(
        links_changed, sender=Answer.contributions.through, dispatch_uid="followup-l"
    )
    post_save.connect(module_row_changed, sender=Analysis, dispatch_uid="followup-a")
    post_save.connect(module_row_changed, sender=Operation, dispatch_uid="followup-o")
