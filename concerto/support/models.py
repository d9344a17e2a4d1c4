"""Support requests to the CIPC: the request, its lifecycle log, milestones, survey."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.workflow import TransitionLog


class Formula(models.TextChoices):
    END_TO_END = "end_to_end", _("Accompagnement de bout en bout")
    COACHING = "coaching", _("Coaching léger")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Reçue, en cours d'examen")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    CLOSED = "closed", _("Clôturée")


OPEN_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The CIPC sees every request; a requester their own; a referent their ministry's."""
        if not (user and user.is_authenticated):
            return self.none()
        if is_cipc(user):
            return self.all()
        return self.filter(
            models.Q(requester=user) | models.Q(ministry_id__in=user.ministry_ids(Role.REFERENT))
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class SupportRequest(models.Model):
    """A ministry's request for the CIPC's help, from a sponsor or an agent."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    ministry = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ministère"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("dispositif concerné"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
    )
    title = models.CharField(_("objet de la demande"), max_length=200)
    context = models.TextField(_("contexte"))
    needs = models.TextField(_("besoins"))
    calendar = models.TextField(_("calendrier"))
    formula_requested = models.CharField(
        _("formule souhaitée"), max_length=20, choices=Formula.choices
    )
    formula = models.CharField(
        _("formule retenue"), max_length=20, choices=Formula.choices, blank=True
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conseiller du CIPC"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_requests",
    )
    # A retried or double-clicked submission stores one request; a key is only its
    # requester's own.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande d'accompagnement")
        verbose_name_plural = _("demandes d'accompagnement")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="support_request_idempotency_key_per_requester",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("support:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class LogEntry(TransitionLog):
    """The case log: every step of SUPPORT_WORKFLOW (concerto/support/workflow.py), who
    took it, when and with which detail (a reason, the advisor named, a milestone, the
    CIPC's note)."""

    class Kind(models.TextChoices):
        """The steps' names, as the log's `action` stores them, and what each did."""

        SUBMITTED = "submit", _("Demande déposée")
        ACCEPTED = "accept", _("Demande acceptée")
        REDIRECTED = "redirect_to_coaching", _("Orientée vers le coaching léger")
        DECLINED = "decline", _("Demande déclinée")
        ASSIGNED = "assign", _("Conseiller désigné")
        MILESTONE = "add_milestone", _("Jalon planifié")
        MILESTONE_DONE = "complete_milestone", _("Jalon atteint")
        NOTE = "note", _("Note de suivi")
        CLOSED = "close", _("Accompagnement clôturé")
        SURVEY = "survey", _("Questionnaire de satisfaction rempli")

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("événement"), max_length=40, choices=Kind.choices)
    reason = models.TextField(_("détail"), blank=True)

    class Meta(TransitionLog.Meta):
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal de l'accompagnement")

    def __str__(self) -> str:
        return self.get_action_display()


class Milestone(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("jalon"), max_length=200)
    due_date = models.DateField(_("échéance"))
    done_at = models.DateTimeField(_("atteint le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class Survey(models.Model):
    """The requester's satisfaction once the support is closed; one per request."""

    request = models.OneToOneField(SupportRequest, on_delete=models.CASCADE, related_name="survey")
    rating = models.PositiveSmallIntegerField(
        _("satisfaction globale"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_recommend = models.BooleanField(_("recommanderait le CIPC"))
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire de satisfaction")
        verbose_name_plural = _("questionnaires de satisfaction")

    def __str__(self) -> str:
        return f"{self.request} — {self.rating}/5"
