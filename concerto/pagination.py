"""Lists in pages, as the DSFR pagination shows them.

Every list of the platform (the public registry, the referral queue, the orders, the
people, the moderation queue…) takes its page here; a CSV download of a list keeps the
list's query string without its page.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet


def paginate(request, queryset, per_page: int, count: int | None = None):
    """The requested page of `queryset`, with the elided page list the DSFR pagination reads;
    `count`, when the caller has already counted the rows, spares counting them again."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not computed
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.pages_list = list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj


def query_without_page(request) -> str:
    """The list's query string without its page: what a CSV export of the list keeps."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class PagedByIds:
    """A list for Paginator whose order is computed on the rows' ids (and what the order
    needs) alone, then only the page's rows are read with what they show: an offset on
    the full rows would compute their annotations for every row it skips. A subclass sets
    `listed` (what is counted) and writes `page(index)`, the rows of a slice in order."""

    # Read by Paginator, which warns about an unordered list: this one is ordered. (An
    # attribute of this name holding a queryset made Paginator fetch every row to test it.)
    ordered = True
    listed: QuerySet

    def count(self) -> int:
        return self.listed.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self.page(index)

    def page(self, index: slice) -> list:
        raise NotImplementedError
