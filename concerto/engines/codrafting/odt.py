"""ODT drafts (LibreOffice, OnlyOffice, Word's "OpenDocument"), read with zipfile and ElementTree.

Each `text:h` and `text:p` of the body, in reading order (lists, sections and tables
included), is one block; a `text:h` has its `text:outline-level` as heading level.
A paragraph styled "Title" gives the document's name. Notes and annotations are left
out: they are comments on the text, not the text. `text:s` (runs of spaces), tabs
and line breaks are read as such.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from concerto.engines.codrafting.building import Block, build_document, clean_text
from concerto.engines.codrafting.problems import Reading, failed, xml_problem

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CONTENT_PART = "content.xml"
_SKIPPED = {f"{TEXT}note", f"{OFFICE}annotation", f"{TEXT}tracked-changes"}
_TITLE_STYLES = {"title", "titre"}


def _text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append(" ")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _SKIPPED:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(element: ElementTree.Element) -> Iterator[tuple[ElementTree.Element, int | None]]:
    for child in element:
        if child.tag == f"{TEXT}h":
            level = child.get(f"{TEXT}outline-level", "1")
            yield child, int(level) if level.isdigit() else 1
        elif child.tag == f"{TEXT}p":
            yield child, None
        elif child.tag not in _SKIPPED:
            yield from _blocks(child)


def read_odt(data: bytes, name: str = "") -> Reading:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return failed("not_a_zip")
    with archive:
        if CONTENT_PART not in archive.namelist():
            return failed("missing_part", detail=CONTENT_PART)
        content_xml = archive.read(CONTENT_PART)
    if problem := xml_problem(content_xml, CONTENT_PART):
        return problem
    root = ElementTree.fromstring(content_xml)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    blocks: list[Block] = []
    for rank, (element, level) in enumerate(_blocks(body if body is not None else root), 1):
        text = clean_text(_text(element))
        style = element.get(f"{TEXT}style-name", "").lower()
        if level is None and style in _TITLE_STYLES and not name:
            name = " ".join(text.split())
            continue
        blocks.append(Block(text, rank, level))
    return build_document(blocks, name)
