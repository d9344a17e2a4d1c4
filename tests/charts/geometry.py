"""What a browser needs to draw an SVG chart: every coordinate a plain number.

Under the French locale Django writes 37.5 as "37,5" and 1000 as "1 000" where a
template prints a number as it is; SVG then draws nothing (or everything at 0). This
reads every geometry attribute of every element inside an <svg> of a page."""

import re
from html.parser import HTMLParser

GEOMETRY = {"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height",
            "dx", "dy"}  # fmt: skip
NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)(%|em|px)?")
VIEWBOX = re.compile(r"-?[\d.]+( -?[\d.]+){3}")


class _SvgAttributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
        if self.depth:
            self.found += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.found += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag):
        if tag == "svg" and self.depth:
            self.depth -= 1


def svg_geometry(html: str) -> list[tuple[str, str, str]]:
    """(element, attribute, value) of every geometry attribute inside the page's SVGs."""
    parser = _SvgAttributes()
    parser.feed(html)
    return [(t, n, v) for t, n, v in parser.found if n in GEOMETRY or n == "viewbox"]


def bad_geometry(html: str) -> list[tuple[str, str, str]]:
    """The geometry attributes a browser cannot read as numbers."""
    return [
        (tag, name, value)
        for tag, name, value in svg_geometry(html)
        if not (VIEWBOX if name == "viewbox" else NUMBER).fullmatch(value)
    ]
