"""The API's request parser: JSON, with a bound on nesting.

Python's decoder recurses once per level: a body of ten thousand `[` exhausts the
stack (RecursionError, an error 500) before any serializer sees it. No input of the API
nests deeper than a few levels, so deeper documents are refused as malformed (400).
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def depth(value) -> int:
    """How many arrays and objects nest in `value` (0 for a scalar), without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise self._too_deep() from None
        if depth(data) > MAX_DEPTH:
            raise self._too_deep()
        return data

    @staticmethod
    def _too_deep() -> ParseError:
        return ParseError(
            _("Document JSON trop imbriqué : %(max)d niveaux au plus.") % {"max": MAX_DEPTH}
        )
