from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.meetings.kind import MEETINGS
from concerto.processes.lifecycle import PUBLIC_STATUSES

MAX_REPORT_FILE_SIZE = 10 * 1024 * 1024


class MeetingQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate confirmed and waiting registrations, in the same query."""
        confirmed = models.Q(registrations__status=Registration.Status.CONFIRMED)
        waiting = models.Q(registrations__status=Registration.Status.WAITING)
        return self.annotate(
            confirmed_count=models.Count("registrations", filter=confirmed),
            waiting_count=models.Count("registrations", filter=waiting),
        )

    def public(self):
        """Meetings of "meetings" modules whose process is published: anyone may see them."""
        return self.filter(module__kind=MEETINGS, module__process__status__in=PUBLIC_STATUSES)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Meeting(models.Model):
    """A public meeting of a "meetings" module, online or at an address, with registration."""

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    online = models.BooleanField(_("réunion en ligne"), default=False)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    join_url = models.URLField(_("lien de connexion"), blank=True)
    # None: as many participants as come.
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)
    report = models.TextField(_("compte rendu"), blank=True)
    report_file = models.FileField(
        _("compte rendu (fichier)"), upload_to="meetings/reports/%Y/", blank=True
    )
    report_published_at = models.DateTimeField(_("compte rendu publié le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("réunion publique")
        verbose_name_plural = _("réunions publiques")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:detail",
            kwargs={
                "slug": self.module.process.slug,
                "module_id": self.module_id,
                "meeting_id": self.pk,
            },
        )

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def place(self) -> str:
        """Where it happens, as shown to the public and in calendars."""
        if self.online and self.address:
            return _("%(address)s et en ligne") % {"address": self.address}
        if self.online:
            return str(_("En ligne"))
        return self.address

    @property
    def seats_left(self) -> int | None:
        """Free seats (None: unlimited); reads the `with_counts()` annotation when there."""
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def report_is_public(self) -> bool:
        return self.report_published_at is not None


class Registration(models.Model):
    """A person's seat (or place in the waiting list) at a meeting; one per person."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscription confirmée")
        WAITING = "waiting", _("Sur liste d'attente")
        CANCELLED = "cancelled", _("Inscription annulée")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    # When the current request was made: the waiting list is served in this order.
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.meeting} ({self.get_status_display()})"

    def waiting_position(self) -> int | None:
        """1 for the first person on the waiting list; None when not waiting."""
        if self.status != self.Status.WAITING:
            return None
        ahead = Registration.objects.filter(
            meeting_id=self.meeting_id, status=self.Status.WAITING
        ).filter(
            models.Q(created_at__lt=self.created_at)
            | models.Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class MeetingContribution(models.Model):
    """A point raised at the meeting, entered from its report as a contribution
    (channel "meeting"), so it is counted, analysed and answered like any other."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="report_contributions"
    )
    contribution = models.OneToOneField(
        "participation.Contribution", on_delete=models.CASCADE, related_name="meeting_link"
    )

    class Meta:
        verbose_name = _("contribution issue d'une réunion")
        verbose_name_plural = _("contributions issues de réunions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.contribution}"
