"""The process lifecycle: statuses and the transitions each action makes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


# action name -> (statuses it may start from, status it leads to; None: unchanged)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    # The agent hands the declaration to the ministry's referent, who sends it back with
    # remarks or refers it to the CIPC; a referent may also refer a draft directly.
    "mark_ready_for_referent": (frozenset({Status.DRAFT}), Status.READY_FOR_REFERENT),
    "return_to_agent": (frozenset({Status.READY_FOR_REFERENT}), Status.DRAFT),
    "submit_referral": (frozenset({Status.DRAFT, Status.READY_FOR_REFERENT}), Status.SUBMITTED),
    "resubmit_referral": (frozenset({Status.SUBMITTED, Status.UNDER_REVIEW}), None),
    "assign_advisor": (frozenset({Status.SUBMITTED}), Status.UNDER_REVIEW),
    "reassign_advisor": (frozenset({Status.UNDER_REVIEW}), None),
    "issue_opinion": (frozenset({Status.UNDER_REVIEW}), Status.OPINION_ISSUED),
    "publish_process": (frozenset({Status.OPINION_ISSUED}), Status.PUBLISHED),
    "open_participation": (frozenset({Status.PUBLISHED}), Status.OPEN),
    "close_participation": (frozenset({Status.OPEN}), Status.CLOSED),
    # A synthesis published once participation is closed: the contributions are analysed.
    "publish_synthesis": (frozenset({Status.CLOSED}), Status.ANALYSED),
    "publish_follow_up": (
        frozenset({Status.CLOSED, Status.ANALYSED}),
        Status.FOLLOW_UP_PUBLISHED,
    ),
    # The evaluation report published once the follow-up is out.
    "publish_evaluation": (frozenset({Status.FOLLOW_UP_PUBLISHED}), Status.EVALUATED),
    "archive_process": (frozenset({Status.FOLLOW_UP_PUBLISHED, Status.EVALUATED}), Status.ARCHIVED),
    "duplicate_process": (frozenset({Status.DRAFT}), None),
    "delete_copy": (frozenset(Status), None),
}

# Statuses a finished process is archived from: the follow-up is out (and maybe evaluated).
FINISHED_STATUSES = TRANSITIONS["archive_process"][0]
# An archived process is a record: its modules no longer change.
MODULE_EDITABLE_STATUSES = frozenset(Status) - {Status.ARCHIVED}
MODULE_ACTIONS = (
    "update_module",
    "close_module",
    "unpublish_module",
    "republish_module",
    "move_module",
    "delete_module",
)
TRANSITIONS |= {action: (MODULE_EDITABLE_STATUSES, None) for action in MODULE_ACTIONS}

# What the journal says each action did; actions that change the status read from it.
ACTION_LABELS = {
    "archive_process": _("Dispositif archivé"),
    "duplicate_process": _("Dispositif créé par copie"),
    "delete_copy": _("Copie en brouillon supprimée"),
    "update_module": _("Module modifié"),
    "close_module": _("Module clos par anticipation"),
    "unpublish_module": _("Module dépublié"),
    "republish_module": _("Module republié"),
    "move_module": _("Modules réordonnés"),
    "delete_module": _("Module supprimé"),
}

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
