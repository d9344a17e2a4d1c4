"""The process lifecycle: statuses and the transitions each action makes."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.activity.log import record
from concerto.workflow import Step, Workflow


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    READY_FOR_REFERENT = "ready_for_referent", _("Prêt pour le référent")
    SUBMITTED = "submitted", _("Saisine transmise au CIPC")
    UNDER_REVIEW = "under_review", _("En examen par le CIPC")
    OPINION_ISSUED = "opinion_issued", _("Avis rendu")
    PUBLISHED = "published", _("Publié")
    OPEN = "open", _("Participation ouverte")
    CLOSED = "closed", _("Participation close")
    ANALYSED = "analysed", _("Contributions analysées")
    FOLLOW_UP_PUBLISHED = "follow_up_published", _("Suites publiées")
    EVALUATED = "evaluated", _("Évalué")
    ARCHIVED = "archived", _("Archivé")


# Statuses a finished process is archived from: the follow-up is out (and maybe evaluated).
FINISHED_STATUSES = frozenset({Status.FOLLOW_UP_PUBLISHED, Status.EVALUATED})
# An archived process is a record: its modules no longer change.
MODULE_EDITABLE_STATUSES = frozenset(Status) - {Status.ARCHIVED}


def _step(sources, target=None, label=None) -> Step:
    return Step(frozenset(sources), target, label)


# The lifecycle: each named action, the statuses it may start from and the status it leads
# to (None: unchanged, an event of the process's log, said by its label). The analysis, the
# follow-up and the evaluation bring their own steps from their apps (`publish_synthesis`,
# `publish_follow_up`, `publish_evaluation`).
PROCESS_WORKFLOW = Workflow(
    name="processes",
    statuses=Status,
    initial=Status.DRAFT,
    steps={
        # The agent hands the declaration to the ministry's referent, who sends it back with
        # remarks or refers it to the CIPC; a referent may also refer a draft directly.
        "mark_ready_for_referent": _step({Status.DRAFT}, Status.READY_FOR_REFERENT),
        "return_to_agent": _step({Status.READY_FOR_REFERENT}, Status.DRAFT),
        "submit_referral": _step({Status.DRAFT, Status.READY_FOR_REFERENT}, Status.SUBMITTED),
        "resubmit_referral": _step({Status.SUBMITTED, Status.UNDER_REVIEW}),
        "assign_advisor": _step({Status.SUBMITTED}, Status.UNDER_REVIEW),
        "reassign_advisor": _step({Status.UNDER_REVIEW}),
        "issue_opinion": _step({Status.UNDER_REVIEW}, Status.OPINION_ISSUED),
        "publish_process": _step({Status.OPINION_ISSUED}, Status.PUBLISHED),
        "open_participation": _step({Status.PUBLISHED}, Status.OPEN),
        "close_participation": _step({Status.OPEN}, Status.CLOSED),
        "archive_process": _step(FINISHED_STATUSES, Status.ARCHIVED, _("Dispositif archivé")),
        "duplicate_process": _step({Status.DRAFT}, None, _("Dispositif créé par copie")),
        "delete_copy": _step(Status, None, _("Copie en brouillon supprimée")),
        # What organisers do to the modules, until the process is archived.
        "update_module": _step(MODULE_EDITABLE_STATUSES, None, _("Module modifié")),
        "close_module": _step(MODULE_EDITABLE_STATUSES, None, _("Module clos par anticipation")),
        "unpublish_module": _step(MODULE_EDITABLE_STATUSES, None, _("Module dépublié")),
        "republish_module": _step(MODULE_EDITABLE_STATUSES, None, _("Module republié")),
        "move_module": _step(MODULE_EDITABLE_STATUSES, None, _("Modules réordonnés")),
        "delete_module": _step(MODULE_EDITABLE_STATUSES, None, _("Module supprimé")),
    },
    history=lambda: apps.get_model("processes", "Transition"),
    subject="process",
    record=record,
    refusal=_("Action impossible : le dispositif est au statut « %(status)s »."),
)

# Statuses in which the process shows on the public registry.
PUBLIC_STATUSES = frozenset(
    {
        Status.PUBLISHED,
        Status.OPEN,
        Status.CLOSED,
        Status.ANALYSED,
        Status.FOLLOW_UP_PUBLISHED,
        Status.EVALUATED,
        Status.ARCHIVED,
    }
)
# Statuses in which the ministry may still edit the description.
EDITABLE_STATUSES = frozenset(
    {
        Status.DRAFT,
        Status.READY_FOR_REFERENT,
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.OPINION_ISSUED,
    }
)
# Statuses before the first referral: the ministry's own preparation.
PREPARATION_STATUSES = frozenset({Status.DRAFT, Status.READY_FOR_REFERENT})
# Statuses in which the CIPC has (or had) the referral in hand.
REFERRED_STATUSES = frozenset({Status.SUBMITTED, Status.UNDER_REVIEW})
