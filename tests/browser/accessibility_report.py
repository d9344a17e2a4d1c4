"""What the browser suite checked with axe-core, written for the accessibility statement
(concerto/pages/accessibility.py) when CONCERTO_ACCESSIBILITY_REPORT names the file to
write: `make accessibility-report` runs the browser suite with it."""

import json
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

TARGET = os.environ.get("CONCERTO_ACCESSIBILITY_REPORT", "")
# Each address checked (its URL pattern, or the CMS page's path) and its main heading.
UNKNOWN = "<adresse inconnue>"  # the "page not found" page
CHECKED: dict[str, str] = {}
WIDTHS: set[int] = set()
ENGINE: dict[str, str] = {}


def _address(url: str) -> str:
    path = urlsplit(url).path
    try:
        route = resolve(path).route
    except Resolver404:
        return UNKNOWN
    return address_of(route)


def address_of(route: str) -> str:
    """A URL pattern as the statement names it: `/dispositifs/<slug>/`."""
    if "(" in route:  # the CMS's catch-all, a regular expression: any page below
        route = re.sub(r"\^?\(.*$", "<page>/", route)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route.lstrip("^"))


def record(page, heading: str, results=None) -> None:
    """A page went through check_page; `results` when axe ran on it."""
    if not TARGET or not page.url.startswith("http"):  # a document written in place
        return
    CHECKED.setdefault(_address(page.url), heading)
    if page.viewport_size:
        WIDTHS.add(page.viewport_size["width"])
    if results is not None and not ENGINE:
        engine = results.response.get("testEngine", {})
        ENGINE.update(name=engine.get("name", "axe-core"), version=engine.get("version", ""))


def write(browser_version: str, rules: list[str]) -> None:
    if not (TARGET and CHECKED):
        return
    report = {
        "checked_on": date.today().isoformat(),
        "tool": ENGINE.get("name", "axe-core"),
        "tool_version": ENGINE.get("version", ""),
        "rules": rules,
        "browser": f"Chromium {browser_version}",
        "widths": sorted(WIDTHS),
        "pages": [{"address": a, "heading": h} for a, h in sorted(CHECKED.items())],
    }
    Path(TARGET).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
