"""The CIPC's training catalogue, its sessions and who registered to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.folding import french_order


class TrainingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Training(models.Model):
    """One training of the catalogue; its title and description are plain text so the
    resource centre's search can index them (see concerto.trainings.search)."""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    description = models.TextField(_("description"))
    objectives = models.TextField(_("objectifs pédagogiques"), blank=True)
    audience = models.CharField(_("public visé"), max_length=255, blank=True)
    duration_hours = models.DecimalField(_("durée (heures)"), max_digits=4, decimal_places=1)
    is_published = models.BooleanField(_("publiée au catalogue"), default=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = french_order("title")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trainings:detail", args=[self.slug])


class Session(models.Model):
    """A dated occurrence of a training, in a room or by video, with a number of seats."""

    training = models.ForeignKey(
        Training, verbose_name=_("formation"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    video_url = models.URLField(_("lien de visioconférence"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), validators=[MinValueValidator(1)])
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formatrice ou formateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trained_sessions",
    )
    attendance_taken_at = models.DateTimeField(_("émargement le"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(place__gt="") | models.Q(video_url__gt=""),
                name="training_session_has_place_or_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training} — {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()


class Registration(models.Model):
    """One person's place in a session: a seat, a place on the waiting list, or cancelled.

    One row per person and session (a unique constraint), so a double click or two
    concurrent requests can never create two registrations; registering again after
    cancelling reuses the row and goes to the back of the queue.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscription confirmée")
        WAITING = "waiting", _("Sur liste d'attente")
        CANCELLED = "cancelled", _("Annulée")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices)
    # Order on the waiting list: the time of the last (re)registration.
    queued_at = models.DateTimeField(_("inscrit le"), default=timezone.now)
    promoted_at = models.DateTimeField(_("place libérée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    attended = models.BooleanField(_("présent"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="unique_training_registration")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class Survey(models.Model):
    """The satisfaction survey one attendee fills in after the session, once."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="survey"
    )
    rating = models.PositiveSmallIntegerField(
        _("satisfaction globale"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.BooleanField(_("utile pour mon travail"))
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire de satisfaction")
        verbose_name_plural = _("questionnaires de satisfaction")

    def __str__(self) -> str:
        return f"{self.registration} — {self.rating}/5"
