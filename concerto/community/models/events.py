"""Community events, published by CIPC staff from the content editor."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(is_published=True, ends_at__gte=timezone.now()).order_by("starts_at")


@register_snippet
class Event(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"))
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    video_url = models.URLField(_("lien de visioconférence"), blank=True)
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    is_published = models.BooleanField(_("publié"), default=True)

    objects = EventQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("place"),
        FieldPanel("video_url"),
        FieldPanel("registration_url"),
        FieldPanel("is_published"),
    ]

    class Meta:
        verbose_name = _("événement de la communauté")
        verbose_name_plural = _("événements de la communauté")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="community_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title
