"""What other domains do that followers care about, heard without those domains knowing
that follows exist: contributing follows (unless the person said no), and the changes
that become events. The rules live in actions.py and events.py; these only listen."""

from django.db.models.signals import post_save

from concerto.follows import actions, events
from concerto.follows.models import TargetKind
from concerto.followup.models import Answer
from concerto.participation.models import Channel, Contribution, ContributionKind
from concerto.processes.models import Transition
from concerto.proposals.models import MergeEvent, Support
from concerto.questionnaires.models import Response


def contributed(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not created or instance.author_id is None or instance.channel != Channel.ONLINE:
        return
    process_id = instance.module.process_id
    wanted = [(TargetKind.PROCESS, process_id)]
    if instance.kind == ContributionKind.PROPOSAL:
        wanted.append((TargetKind.PROPOSAL, instance.pk))
    actions.follow_contributed(instance.author, wanted)


def supported(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not created:
        return
    proposal = instance.proposal
    actions.follow_contributed(
        instance.user,
        [(TargetKind.PROCESS, proposal.module.process_id), (TargetKind.PROPOSAL, proposal.pk)],
    )


def answered_questionnaire(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.status != instance.Status.SUBMITTED:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    actions.follow_contributed(
        instance.participant, [(TargetKind.PROCESS, instance.module.process_id)]
    )


def answer_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.published_at is None:
        return
    if update_fields is not None and "published_at" not in update_fields:
        return
    events.answer_published(instance)


def merged(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        events.proposals_merged(instance)


def transition_logged(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        events.process_moved(instance)


def connect() -> None:
    post_save.connect(contributed, sender=Contribution, dispatch_uid="follows-contribution")
    post_save.connect(supported, sender=Support, dispatch_uid="follows-support")
    post_save.connect(answered_questionnaire, sender=Response, dispatch_uid="follows-response")
    post_save.connect(answer_saved, sender=Answer, dispatch_uid="follows-answer")
    post_save.connect(merged, sender=MergeEvent, dispatch_uid="follows-merge")
    post_save.connect(transition_logged, sender=Transition, dispatch_uid="follows-transition")
