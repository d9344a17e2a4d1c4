"""DOCX drafts (Word, LibreOffice "Word 2007-365"), read with zipfile and ElementTree.

Each `w:p` of the body (tables and content controls included) is one block. Its
heading level comes, in this order, from the paragraph's own outline level, from its
style's outline level or name in `word/styles.xml` ("heading 1", "Titre 1"), or from
the style id itself ("Heading1", "Titre1"). The "Title" style gives the document's
name. The text is the concatenation of its runs: Word splits one word over several
`w:r` elements whenever formatting or spell-checking changed inside it.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from concerto.engines.codrafting.building import Block, build_document, clean_text
from concerto.engines.codrafting.problems import Reading, failed, xml_problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
_HEADING_NAME = re.compile(r"^(?:heading|titre|title|überschrift)\s*(\d)$", re.IGNORECASE)
_TITLE_NAMES = {"title", "titre"}
# Deleted text of tracked changes is in w:delText and never read; text boxes are skipped.
_SKIPPED = {f"{W}txbxContent", f"{W}del", f"{W}instrText"}


def _style_levels(styles_xml: bytes | None) -> dict[str, int]:
    """Style id -> heading level (0 for the document title), from styles.xml."""
    if not styles_xml:
        return {}
    levels: dict[str, int] = {}
    for style in ElementTree.fromstring(styles_xml).iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        name = style.find(f"{W}name")
        style_name = (name.get(f"{W}val", "") if name is not None else "").strip()
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        by_name = _HEADING_NAME.match(style_name)
        if style_name.lower() in _TITLE_NAMES:
            levels[style_id] = 0
        elif outline is not None and outline.get(f"{W}val", "").isdigit():
            levels[style_id] = int(outline.get(f"{W}val")) + 1
        elif by_name:
            levels[style_id] = int(by_name.group(1))
    return levels


def _paragraph_level(paragraph: ElementTree.Element, styles: dict[str, int]) -> int | None:
    outline = paragraph.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and outline.get(f"{W}val", "").isdigit():
        level = int(outline.get(f"{W}val")) + 1
        return level if level <= 9 else None  # 9 is Word's "body text" level
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val", "") if style is not None else ""
    if style_id in styles:
        return styles[style_id]
    if style_id.lower() in _TITLE_NAMES:
        return 0
    by_id = _HEADING_NAME.match(style_id)
    return int(by_id.group(1)) if by_id else None


def _paragraph_text(element: ElementTree.Element) -> str:
    parts: list[str] = []
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append(" ")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif child.tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(_paragraph_text(child))
    return "".join(parts)


def _paragraphs(element: ElementTree.Element):
    for child in element:
        if child.tag == f"{W}p":
            yield child
        elif child.tag not in _SKIPPED:
            yield from _paragraphs(child)


def read_docx(data: bytes, name: str = "") -> Reading:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return failed("not_a_zip")
    with archive:
        if DOCUMENT_PART not in archive.namelist():
            return failed("missing_part", detail=DOCUMENT_PART)
        document_xml = archive.read(DOCUMENT_PART)
        styles_xml = archive.read(STYLES_PART) if STYLES_PART in archive.namelist() else None
    for part, xml in ((DOCUMENT_PART, document_xml), (STYLES_PART, styles_xml)):
        if problem := xml_problem(xml, part):
            return problem
    body = ElementTree.fromstring(document_xml)
    styles = _style_levels(styles_xml)
    blocks: list[Block] = []
    for rank, paragraph in enumerate(_paragraphs(body), start=1):
        text = clean_text(_paragraph_text(paragraph))
        level = _paragraph_level(paragraph, styles)
        if level == 0 and not name:
            name = " ".join(text.split())
            continue
        blocks.append(Block(text, rank, max(level, 1) if level is not None else None))
    return build_document(blocks, name)
