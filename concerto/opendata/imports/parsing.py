"""Which parser reads an upload, by the platform it comes from."""

from collections.abc import Callable

from concerto.opendata.imports import capcollectif, decidim
from concerto.opendata.imports.parsed import ParsedImport
from concerto.opendata.models import ImportRun


def parse_upload(
    source: str, data: bytes, encoding: str, *, on_row: Callable[[int], None] | None = None
) -> ParsedImport:
    if source == ImportRun.Source.DECIDIM:
        return decidim.parse(data, on_row=on_row)
    return capcollectif.parse(data, encoding, on_row=on_row)
