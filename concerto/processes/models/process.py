from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.folding import french_order
from concerto.processes.abilities import process_abilities
from concerto.processes.lifecycle import PROCESS_WORKFLOW, PUBLIC_STATUSES, Status
from concerto.processes.quality_words import METHOD_CHOICES
from concerto.workflow import TransitionLog


class TerritoryLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Régional")
    DEPARTMENTAL = "departmental", _("Départemental")
    LOCAL = "local", _("Local")


class Theme(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), unique=True)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = french_order("name")

    def __str__(self) -> str:
        return self.name


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """Published processes for everyone; all of them for the CIPC and administrators;
        their ministry's for its agents and referent."""
        if not (user and user.is_authenticated):
            return self.published()
        if is_cipc(user):
            return self.all()
        ministries = user.ministry_ids(Role.AGENT, Role.REFERENT)
        return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(ministry_id__in=ministries))


class Process(models.Model):
    """A participatory process (dispositif) declared by a ministry.

    The row is the live description the ministry edits; each referral to the
    CIPC freezes it into a `Version`.
    """

    # Identity
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    summary = models.TextField(_("résumé pour le public"), blank=True)
    ministry = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ministère"),
        on_delete=models.PROTECT,
        related_name="processes",
    )
    directorate = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("direction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("commanditaire"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_processes",
    )
    sponsor_title = models.CharField(_("fonction du commanditaire"), max_length=200, blank=True)
    project_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cheffe ou chef de projet"),
        on_delete=models.PROTECT,
        related_name="led_processes",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), blank=True)
    territory_level = models.CharField(
        _("échelle"), max_length=20, choices=TerritoryLevel.choices, default=TerritoryLevel.NATIONAL
    )
    territories = models.CharField(_("territoires concernés"), max_length=500, blank=True)

    # Framing
    problem = models.TextField(_("problème public"), blank=True)
    decision_at_stake = models.TextField(_("décision en jeu"), blank=True)
    decision_maker = models.CharField(_("qui décide"), max_length=255, blank=True)
    decision_date = models.DateField(_("date prévue de la décision"), null=True, blank=True)
    negotiable = models.TextField(_("ce qui est ouvert au changement"), blank=True)
    non_negotiable = models.TextField(_("ce qui n'est pas négociable"), blank=True)
    alternatives = models.TextField(_("options sur la table"), blank=True)

    # Publics
    publics_concerned = models.TextField(_("publics concernés"), blank=True)
    outreach = models.TextField(_("comment les publics seront atteints"), blank=True)
    offline_reach = models.TextField(
        _("publics éloignés du numérique : comment les atteindre"), blank=True
    )
    target_participants = models.PositiveIntegerField(
        _("nombre de participants visé"), null=True, blank=True
    )

    # Method and calendar
    methods = models.JSONField(_("méthodes"), default=list, blank=True)
    participation_start = models.DateField(_("début de la participation"), null=True, blank=True)
    participation_end = models.DateField(_("fin de la participation"), null=True, blank=True)
    calendar = models.TextField(_("calendrier des phases"), blank=True)
    modules_planned = models.TextField(_("modules en ligne et hors ligne prévus"), blank=True)

    # Resources
    budget = models.DecimalField(
        _("budget (euros TTC)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    team = models.TextField(_("équipe"), blank=True)
    providers = models.TextField(_("prestataires"), blank=True)
    guarantor = models.CharField(_("garant ou tiers indépendant"), max_length=255, blank=True)

    # Devoir de suite and evaluation
    follow_up_date = models.DateField(
        _("date d'engagement du devoir de suite"), null=True, blank=True
    )
    evaluation_plan = models.TextField(_("modalités d'évaluation"), blank=True)

    # Lifecycle
    status = models.CharField(
        _("statut"), max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_opinion_at_launch = models.BooleanField(
        _("publier l'avis du CIPC seulement à l'ouverture de la participation"), default=False
    )
    # Bumped by every write of the description: optimistic locking between editors.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    # A draft made by copying another process ("Dupliquer"), and the key its form carried:
    # submitting that form twice makes one copy.
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copié depuis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    creation_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("processes:public_detail", args=[self.slug])

    def get_workspace_url(self) -> str:
        return reverse("processes:overview", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def method_labels(self) -> list[str]:
        labels = dict(METHOD_CHOICES)
        return [str(labels.get(code, code)) for code in self.methods]

    def get_abilities(self, user) -> dict[str, bool]:
        return process_abilities(self, user)


class InformationSource(models.Model):
    """A source planned for the information dossier, with the viewpoint it represents."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("titre de la source"), max_length=255)
    viewpoint = models.CharField(_("point de vue représenté"), max_length=150, blank=True)
    url = models.URLField(_("adresse web"), blank=True)
    contradictory = models.BooleanField(_("point de vue contradictoire"), default=False)

    class Meta:
        verbose_name = _("source d'information")
        verbose_name_plural = _("sources d'information")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class FollowUpCommitment(models.Model):
    """A devoir-de-suite commitment: what will be answered, by whom, by which date, how."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="commitments")
    what = models.CharField(_("ce qui sera rendu"), max_length=255)
    who = models.CharField(_("qui répond"), max_length=255)
    due_date = models.DateField(_("date d'engagement"))
    channel = models.CharField(_("par quel canal"), max_length=255)
    # "Répondre aux vingt propositions les plus soutenues" is kept by the twentieth
    # published answer, not by the first (followup.queries.commitments_with_delivery).
    quantity = models.PositiveIntegerField(
        _("nombre de réponses promises"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Par exemple 20 pour « répondre aux vingt propositions les plus soutenues » : "
            "l'engagement n'est tenu qu'une fois ce nombre de réponses publiées."
        ),
    )

    class Meta:
        verbose_name = _("engagement de suite")
        verbose_name_plural = _("engagements de suite")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.what


class Transition(TransitionLog):
    """One entry of the process's log: who did what, when, and why (PROCESS_WORKFLOW)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="transitions")
    # The statuses keep their choices: the journal reads them in French.
    from_status = models.CharField(_("statut de départ"), max_length=24, choices=Status.choices)
    to_status = models.CharField(_("statut d'arrivée"), max_length=24, choices=Status.choices)

    class Meta(TransitionLog.Meta):
        verbose_name = _("transition")
        verbose_name_plural = _("journal des transitions")

    @property
    def label(self) -> str:
        """What happened, for actions that leave the status as it was (module changes...)."""
        step = PROCESS_WORKFLOW.steps.get(self.action)
        return str(step.label or "") if step else ""
