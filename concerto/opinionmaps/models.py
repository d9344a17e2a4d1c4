"""Statements, votes and computed maps of an opinion-map module (Polis's method).

The engine (`concerto.engines.opinions`) does the maths; these tables hold its
inputs (statements and votes) and its last output, ready to display.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_STATEMENT_LENGTH = 280


class StatementQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Statement.Status.ACCEPTED)

    def pending(self):
        return self.filter(status=Statement.Status.PENDING)


class Statement(models.Model):
    """A short statement participants vote on; shown to voters only once accepted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="statements"
    )
    text = models.TextField(_("énoncé"), max_length=MAX_STATEMENT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinion_statements",
    )
    # A citizen's proposal is also a core contribution, counted with the others.
    contribution = models.OneToOneField(
        "participation.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinion_statement",
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    is_seed = models.BooleanField(_("énoncé de départ"), default=False)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    # The comment id of an imported Polis conversation.
    external_id = models.BigIntegerField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("énoncé")
        verbose_name_plural = _("énoncés")
        ordering = ["module", "position", "pk"]
        indexes = [models.Index(fields=["module", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "external_id"], name="one_statement_per_polis_comment"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(models.Model):
    """One participant's vote on one statement; a later vote replaces the earlier one.

    Imported Polis votes have no account: `imported_participant` holds Polis's voter id.
    """

    AGREE, DISAGREE, PASS = 1, -1, 0
    VALUES = ((AGREE, _("D'accord")), (DISAGREE, _("Pas d'accord")), (PASS, _("Passer")))

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinion_votes",
    )
    imported_participant = models.BigIntegerField(null=True, blank=True)
    value = models.SmallIntegerField(_("vote"), choices=VALUES)
    created_at = models.DateTimeField(_("voté le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="one_opinion_vote_per_participant"
            ),
            models.UniqueConstraint(
                fields=["statement", "imported_participant"], name="one_imported_opinion_vote"
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False, imported_participant__isnull=True)
                | Q(participant__isnull=True, imported_participant__isnull=False),
                name="opinion_vote_has_one_voter",
            ),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="opinion_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id or self.imported_participant} → {self.statement_id}"


class MapResult(models.Model):
    """The engine's last output for a module, as JSON ready to display.

    `data` is empty with `insufficient` set when too few participants have voted
    enough to form groups; `state` holds the engine's warm-start state.
    """

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="opinion_maps"
    )
    computed_at = models.DateTimeField(_("calculée le"))
    # Vote rows changed up to this instant are included in the result.
    votes_until = models.DateTimeField()
    n_votes = models.PositiveIntegerField(default=0)
    n_participants = models.PositiveIntegerField(default=0)
    insufficient = models.BooleanField(default=False)
    data = models.JSONField(default=dict)
    state = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("carte calculée")
        verbose_name_plural = _("cartes calculées")
        ordering = ["-computed_at", "-pk"]
        get_latest_by = ["computed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.module_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class GroupMembership(models.Model):
    """Which group of a computed map a participant with an account falls in (the engine's
    `OpinionMap.labels`). Used on the server only, to order a text's suggestions by their
    support across the groups (concerto.codrafting.queries); never published: the pages
    show each group's size and votes, never its members. Only the last map with groups
    keeps its memberships; they go with the map, and with the account when it is erased
    (concerto.privacy.actions.erase_account). Imported Polis voters have no account and
    no row here."""

    map = models.ForeignKey(MapResult, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opinion_groups"
    )
    group = models.PositiveSmallIntegerField(_("groupe"))  # the engine's stable label: 0 is A

    class Meta:
        verbose_name = _("appartenance à un groupe d'opinion")
        verbose_name_plural = _("appartenances à un groupe d'opinion")
        constraints = [
            models.UniqueConstraint(fields=["map", "participant"], name="one_group_per_map")
        ]
        # Supports are joined on their author, then on this map: participant first.
        indexes = [models.Index(fields=["participant", "map"], name="opinion_group_of_participant")]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.group} ({self.map_id})"
