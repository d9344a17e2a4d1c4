"""A citizens' panel drawn by lot: its pool of respondents, quotas and recorded draws.

The pool is personal data: only aggregates (`pool_counts`, `selected_counts`,
`histogram`) and the pseudonymous lottery are published, and pool rows are
deleted on `retention_date` (at most two years after the end of participation, see
`concerto.panels.retention`) by the daily retention run of the platform's schedule.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.panels.reasons import describe
from concerto.workflow import TransitionLog

M_TICKETS = 1000


def new_token() -> str:
    """Pseudonymous identifier used in the engine and the published lottery."""
    return "p" + secrets.token_hex(6)


class Panel(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("En préparation")
        DRAWN = "drawn", _("Tiré au sort")
        PUBLISHED = "published", _("Publié")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="panels"
    )
    name = models.CharField(_("nom du panel"), max_length=200)
    size = models.PositiveIntegerField(_("nombre de membres (k)"))
    household_rule = models.BooleanField(_("au plus une personne par foyer"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    retention_date = models.DateField(_("date de suppression des données du vivier"))
    # Seed: drawn in public once the lottery is published, so that nobody can choose it
    # knowing which panel it designates. How it will be drawn is announced with the
    # lottery; who drew it and how is recorded with it.
    seed = models.CharField(_("graine"), max_length=200, blank=True)
    seed_fixed_at = models.DateTimeField(null=True, blank=True)
    seed_announcement = models.TextField(_("comment la graine sera tirée"), blank=True)
    seed_origin = models.TextField(_("origine de la graine"), blank=True)
    lottery_published_at = models.DateTimeField(null=True, blank=True)
    # The lottery of M_TICKETS panels (pseudonymous tokens) and its SHA-256 digest.
    lottery = models.JSONField(null=True, blank=True)
    lottery_digest = models.CharField(max_length=64, blank=True)
    # Engine output, internal: probability per pool member token.
    result = models.JSONField(null=True, blank=True)
    min_probability = models.FloatField(null=True, blank=True)
    gini = models.FloatField(null=True, blank=True)
    geometric_mean = models.FloatField(null=True, blank=True)
    # The engine's reasons as codes and values (panels.reasons.describe puts them in words).
    infeasible_reasons = models.JSONField(default=list, blank=True)
    computing_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Aggregates kept after the pool is purged: {category: {value: count}}, histogram rows.
    pool_size = models.PositiveIntegerField(default=0)
    pool_counts = models.JSONField(default=dict, blank=True)
    selected_counts = models.JSONField(default=dict, blank=True)
    histogram = models.JSONField(default=list, blank=True)
    pool_purged_at = models.DateTimeField(null=True, blank=True)
    # Volunteers register with an invitation code until the probabilities are computed.
    registration_closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("panel citoyen")
        verbose_name_plural = _("panels citoyens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("panels:public", args=[self.process.slug, self.pk])

    def get_manage_url(self) -> str:
        return reverse("panels:detail", args=[self.process_id, self.pk])

    @property
    def lottery_filename(self) -> str:
        return f"panel-{self.pk}-lottery.json"

    @property
    def infeasible_texts(self) -> list[str]:
        return [describe(reason) for reason in self.infeasible_reasons]

    @property
    def initial_draw(self):
        return self.draws.filter(kind=Draw.Kind.INITIAL).first()

    @property
    def locked(self) -> bool:
        """Pool and quotas are frozen once the lottery is public (before the seed)."""
        return (
            bool(self.lottery_published_at or self.seed_fixed_at)
            or self.status != self.Status.DRAFT
        )

    @property
    def is_public(self) -> bool:
        """The public page exists from the lottery's publication (panels drawn before
        lotteries were published ahead of the seed appear once published)."""
        return bool(self.lottery_published_at) or self.status == self.Status.PUBLISHED

    def get_lottery_url(self) -> str:
        return reverse("panels:panel_lottery", args=[self.process.slug, self.pk])

    @property
    def registration_open(self) -> bool:
        """Volunteers may register until the first computation, on a live pool."""
        return (
            not self.locked
            and self.registration_closed_at is None
            and self.pool_purged_at is None
            and self.retention_date > timezone.localdate()
        )

    def get_registration_url(self) -> str:
        return reverse("panels:register", args=[self.process.slug, self.pk])


class PanelTransition(TransitionLog):
    """One staff step of a panel's history (`concerto.panels.workflow`): who drew it,
    published its lottery, fixed its seed, changed its quotas… and when."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("étape d'un panel")
        verbose_name_plural = _("étapes des panels")


class PoolMember(models.Model):
    class Status(models.TextChoices):
        POOL = "pool", _("Dans le vivier")
        SELECTED = "selected", _("Tiré au sort")
        DECLINED = "declined", _("A décliné")
        REPLACEMENT = "replacement", _("Remplaçant")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="pool")
    external_id = models.CharField(_("identifiant"), max_length=100)
    token = models.CharField(max_length=20, default=new_token, unique=True)
    values = models.JSONField(_("valeurs par catégorie"), default=dict)
    household = models.CharField(_("foyer"), max_length=200, blank=True)
    consent = models.BooleanField(_("consentement"), default=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.POOL)
    # Set for volunteers who registered themselves: one member per invitation, at most.
    invitation = models.OneToOneField(
        "panels.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    registered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personne du vivier")
        verbose_name_plural = _("personnes du vivier")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "external_id"], name="panels_unique_member")
        ]

    def __str__(self) -> str:
        return self.external_id

    @property
    def in_panel(self) -> bool:
        return self.status in {self.Status.SELECTED, self.Status.REPLACEMENT}


class Quota(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="quotas")
    category = models.CharField(_("catégorie"), max_length=100)
    value = models.CharField(_("valeur"), max_length=100)
    min = models.PositiveIntegerField(_("minimum"))
    max = models.PositiveIntegerField(_("maximum"))
    population_share = models.DecimalField(
        _("part dans la population (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["category", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "category", "value"], name="panels_unique_quota"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} = {self.value} [{self.min}, {self.max}]"


class Draw(models.Model):
    """One draw, recorded with everything needed to re-run it."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Tirage initial")
        REPLACEMENT = "replacement", _("Tirage de remplacement")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="draws")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # A replacement's lottery is published before its seed: until the seed is drawn,
    # the draw has its lottery and announcement, and neither seed nor number.
    seed = models.CharField(max_length=200, blank=True)
    number = models.PositiveIntegerField(_("ticket tiré"), null=True, blank=True)
    lottery = models.JSONField()
    lottery_digest = models.CharField(max_length=64)
    lottery_published_at = models.DateTimeField(null=True, blank=True)
    seed_announcement = models.TextField(blank=True)
    seed_origin = models.TextField(blank=True)
    # Pseudonymous tokens: the members a replacement lottery keeps in every ticket, the
    # whole ticket drawn, then those it added to the panel.
    kept_tokens = models.JSONField(default=list)
    ticket = models.JSONField(default=list)
    member_tokens = models.JSONField(default=list)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tirage")
        verbose_name_plural = _("tirages")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} n° {self.number or '—'}"

    @property
    def pending(self) -> bool:
        """Its lottery is published and its seed not yet drawn."""
        return self.number is None

    @property
    def lottery_filename(self) -> str:
        if self.kind == self.Kind.INITIAL:
            return f"panel-{self.panel_id}-lottery.json"
        return f"panel-{self.panel_id}-remplacement-{self.pk}-lottery.json"
