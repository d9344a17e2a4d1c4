"""Atom feeds of published answers: one per process, one for the whole State."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from concerto.followup.models import Answer
from concerto.processes.models import Process

FEED_SIZE = 50


class StateFeed(Feed):
    feed_type = Atom1Feed
    title = _("Concerto : réponses publiées aux contributions citoyennes")
    subtitle = _("Les suites données par l'État aux contributions des participants.")

    def link(self):
        return reverse("followup:figures")

    def answers(self):
        return (
            Answer.objects.published()
            .filter(process__in=Process.objects.published())
            .select_related("process", "status")
            .order_by("-published_at", "-pk")
        )

    def items(self):
        return self.answers()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.process.title} — {item.target} ({item.status.label})"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class ProcessFeed(StateFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Process.objects.published(), slug=slug)

    def title(self, obj):
        return _("Devoir de suite : %(title)s") % {"title": obj.title}

    def link(self, obj):
        return reverse("followup:process", args=[obj.slug])

    def items(self, obj):
        return self.answers().filter(process=obj)[:FEED_SIZE]
