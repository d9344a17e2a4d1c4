"""The public open-data page, its files, and the Atom feed of new processes."""

import mimetypes

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from concerto.opendata import publish
from concerto.opendata.datasets import DATASETS
from concerto.opendata.models import Publication
from concerto.processes.models import Process

FEED_SIZE = 50


def _current() -> Publication | None:
    return Publication.objects.first()


@require_safe
def index(request):
    publication = _current()
    datasets = []
    for dataset in DATASETS:
        summary = (publication.summary if publication else {}).get(dataset.name)
        datasets.append(
            {
                "dataset": dataset,
                "summary": summary,
                "files": [
                    (fmt, publish.filename(dataset.name, fmt), summary["sizes"][fmt])
                    for fmt in publish.FORMATS
                ]
                if summary
                else [],
            }
        )
    context = {
        "publication": publication,
        "datasets": datasets,
        "licence": publish.LICENCE,
        "producer": publish.metadata(publication.generated_at if publication else None)[
            "producteur"
        ],
    }
    return render(request, "opendata/index.html", context)


@require_safe
def download(request, name: str):
    publication = _current()
    if publication is None or name not in publish.allowed_files():
        raise Http404
    try:
        handle = publish.open_file(publication, name)
    except FileNotFoundError:
        raise Http404 from None
    content_type = "text/csv" if name.endswith(".csv") else mimetypes.guess_type(name)[0]
    response = FileResponse(handle, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Last-Modified"] = publication.generated_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response


class NewProcessesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Concerto : nouveaux dispositifs participatifs")
    subtitle = _("Les dispositifs participatifs publiés par les ministères, les plus récents "
                 "d'abord.")  # fmt: skip

    def link(self):
        return reverse("processes:public_list")

    def items(self):
        return (
            Process.objects.published()
            .filter(published_at__isnull=False)
            .select_related("ministry")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title} ({item.ministry.name})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
