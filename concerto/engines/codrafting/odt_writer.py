"""Writing a text, or the changes between two versions, as an OpenDocument text (ODT).

Standard library only (zipfile and ElementTree). The archive follows ODF 1.3 packaging:
the `mimetype` entry first and stored uncompressed (so that a program recognises the
file by its first bytes), then `META-INF/manifest.xml`, `content.xml`, `styles.xml` and
`meta.xml`.

`write_odt` writes a Document so that `read_odt` reads the same units back: the name as
a paragraph styled "Title", each title, chapter, section and article as a `text:h`
("Article 3 – Heading") with an outline level (title 1, chapter 2, section and article
3, the levels the readers give those kinds), each paragraph as a `text:p`, its line
breaks as `text:line-break`.

`write_diff_odt` writes a DocumentDiff: each change's heading, its paragraphs with
deleted words in a struck-through text style ("Deleted") and inserted ones in an
underlined one ("Inserted"), then the ids of the suggestions behind it. The engine
writes no French: the words around the changes ("Added", "Suggestions:") are the
caller's `labels`, and `describe` turns an id into what the reader sees (a title).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Hashable, Mapping
from xml.etree import ElementTree

from concerto.engines.codrafting.changes import UNCHANGED, DocumentDiff, UnitChange
from concerto.engines.codrafting.diff import DELETE, INSERT, DiffOp
from concerto.engines.codrafting.structure import Document, Unit

MIMETYPE = "application/vnd.oasis.opendocument.text"
ODF_VERSION = "1.3"
NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
for _prefix, _uri in NAMESPACES.items():
    ElementTree.register_namespace(_prefix, _uri)

# The outline level of each kind's heading: the levels `building.LEVEL_KINDS` reads back
# (a section is recognised by its word, "Section 2", at any level).
OUTLINE_LEVELS = {"title": 1, "chapter": 2, "section": 3, "article": 3}
HEADING_SEPARATOR = " – "
TITLE_STYLE = "Title"
BODY_STYLE = "Text_20_body"
DELETED_STYLE = "Deleted"
INSERTED_STYLE = "Inserted"
STATUS_STYLE = "Change_20_status"
SUGGESTIONS_STYLE = "Suggestions"
# Default words of a diff: codes, for a caller that gives no translation.
DEFAULT_LABELS = {
    "added": "added",
    "removed": "removed",
    "changed": "changed",
    "suggestions": "suggestions:",
}
_SPACES = re.compile(r" {2,}")


def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _element(parent: ElementTree.Element, name: str, **attributes: str) -> ElementTree.Element:
    return ElementTree.SubElement(parent, _q(name), {_q(k): v for k, v in attributes.items()})


def _append_text(element: ElementTree.Element, text: str) -> None:
    """`text` at the end of `element`, line breaks and runs of spaces as ODF elements (a
    reader collapses raw runs of spaces, as ODF requires)."""

    def add(chunk: str) -> None:
        if not chunk:
            return
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + chunk
        else:
            element.text = (element.text or "") + chunk

    for rank, line in enumerate(text.split("\n")):
        if rank:
            _element(element, "text:line-break")
        position = 0
        for match in _SPACES.finditer(line):
            add(line[position : match.start() + 1])
            _element(element, "text:s", **{"text:c": str(len(match.group()) - 1)})
            position = match.end()
        add(line[position:])


def _span(parent: ElementTree.Element, style: str, text: str) -> None:
    span = _element(parent, "text:span", **{"text:style-name": style})
    _append_text(span, text)


def _append_ops(element: ElementTree.Element, ops: tuple[DiffOp, ...] | list[DiffOp]) -> None:
    for op in ops:
        if op.op == DELETE:
            _span(element, DELETED_STYLE, op.text)
        elif op.op == INSERT:
            _span(element, INSERTED_STYLE, op.text)
        else:
            _append_text(element, op.text)


def heading_text(label: str, heading: str) -> str:
    """What a heading line says: "Article 3 – Open data", "Article 3", "Open data"."""
    return HEADING_SEPARATOR.join(part for part in (label, heading) if part)


def _heading(parent: ElementTree.Element, kind: str) -> ElementTree.Element:
    level = OUTLINE_LEVELS[kind]
    return _element(
        parent,
        "text:h",
        **{"text:style-name": f"Heading_20_{level}", "text:outline-level": str(level)},
    )


def _paragraph(parent: ElementTree.Element, style: str = BODY_STYLE) -> ElementTree.Element:
    return _element(parent, "text:p", **{"text:style-name": style})


def _write_unit(body: ElementTree.Element, unit: Unit) -> None:
    if unit.kind == "paragraph":
        if unit.text.strip():
            _append_text(_paragraph(body), unit.text)
    else:
        _append_text(_heading(body, unit.kind), heading_text(unit.label, unit.heading))
    for child in unit.children:
        _write_unit(body, child)


def _document_content() -> tuple[ElementTree.Element, ElementTree.Element]:
    root = ElementTree.Element(_q("office:document-content"), {_q("office:version"): ODF_VERSION})
    _element(root, "office:automatic-styles")
    text = _element(_element(root, "office:body"), "office:text")
    return root, text


def _text_style(parent: ElementTree.Element, name: str, display: str, **properties: str) -> None:
    style = _element(
        parent, "style:style", **{"style:name": name, "style:display-name": display,
                                  "style:family": "text"},
    )  # fmt: skip
    _element(style, "style:text-properties", **properties)


def _paragraph_style(
    parent: ElementTree.Element,
    name: str,
    display: str,
    *,
    level: int | None = None,
    **properties: str,
) -> None:
    attributes = {"style:name": name, "style:display-name": display, "style:family": "paragraph"}
    if name != "Standard":
        attributes["style:parent-style-name"] = "Standard"
    if level is not None:
        attributes["style:default-outline-level"] = str(level)
    style = _element(parent, "style:style", **attributes)
    if properties:
        _element(style, "style:text-properties", **properties)


def _styles() -> ElementTree.Element:
    root = ElementTree.Element(_q("office:document-styles"), {_q("office:version"): ODF_VERSION})
    styles = _element(root, "office:styles")
    _paragraph_style(styles, "Standard", "Standard")
    _paragraph_style(styles, BODY_STYLE, "Text body")
    _paragraph_style(
        styles, TITLE_STYLE, "Title", **{"fo:font-size": "20pt", "fo:font-weight": "bold"}
    )
    for level, size in ((1, "16pt"), (2, "14pt"), (3, "12pt")):
        _paragraph_style(
            styles, f"Heading_20_{level}", f"Heading {level}", level=level,
            **{"fo:font-size": size, "fo:font-weight": "bold"},
        )  # fmt: skip
    _paragraph_style(styles, STATUS_STYLE, "Change status", **{"fo:font-style": "italic"})
    _paragraph_style(styles, SUGGESTIONS_STYLE, "Suggestions", **{"fo:font-size": "9pt"})
    _text_style(
        styles, DELETED_STYLE, "Deleted",
        **{"style:text-line-through-style": "solid", "style:text-line-through-type": "single",
           "fo:color": "#c9191e"},
    )  # fmt: skip
    _text_style(
        styles, INSERTED_STYLE, "Inserted",
        **{"style:text-underline-style": "solid", "style:text-underline-width": "auto",
           "style:text-underline-color": "font-color", "fo:color": "#18753c"},
    )  # fmt: skip
    return root


def _meta(title: str) -> ElementTree.Element:
    root = ElementTree.Element(_q("office:document-meta"), {_q("office:version"): ODF_VERSION})
    meta = _element(root, "office:meta")
    _element(meta, "meta:generator").text = "Concerto"
    if title:
        _element(meta, "dc:title").text = title
    _element(meta, "dc:language").text = "fr-FR"
    return root


def _manifest() -> ElementTree.Element:
    root = ElementTree.Element(_q("manifest:manifest"), {_q("manifest:version"): ODF_VERSION})
    entries = (("/", MIMETYPE), ("content.xml", "text/xml"), ("styles.xml", "text/xml"),
               ("meta.xml", "text/xml"))  # fmt: skip
    for path, media_type in entries:
        attributes = {"manifest:full-path": path, "manifest:media-type": media_type}
        if path == "/":
            attributes["manifest:version"] = ODF_VERSION
        _element(root, "manifest:file-entry", **attributes)
    return root


def _xml(root: ElementTree.Element) -> bytes:
    return ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _package(content: ElementTree.Element, title: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # First and stored: ODF 1.3 part 2, section 3.3.
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        for name, root in (
            ("META-INF/manifest.xml", _manifest()),
            ("content.xml", content),
            ("styles.xml", _styles()),
            ("meta.xml", _meta(title)),
        ):
            archive.writestr(name, _xml(root), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write_odt(document: Document, name: str | None = None) -> bytes:
    """The ODT of `document`; `name` (the document's own by default) as its title."""
    name = document.name if name is None else name
    content, body = _document_content()
    if name:
        _append_text(_paragraph(body, TITLE_STYLE), name)
    for unit in document.units:
        _write_unit(body, unit)
    return _package(content, name)


def _write_change(
    body: ElementTree.Element,
    change: UnitChange,
    labels: Mapping[str, str],
    describe: Callable[[Hashable], str],
) -> None:
    if change.kind != "document":
        heading = _heading(body, change.kind)
        label = change.new_label or change.old_label
        _append_text(heading, label)
        if change.heading_ops:
            if label:
                _append_text(heading, HEADING_SEPARATOR)
            _append_ops(heading, change.heading_ops)
    _append_text(_paragraph(body, STATUS_STYLE), labels[change.status])
    for paragraph in change.paragraphs:
        if paragraph.status != UNCHANGED:
            _append_ops(_paragraph(body), paragraph.ops)
    ids = change.all_suggestion_ids
    if ids:
        line = f"{labels['suggestions']} " + ", ".join(describe(i) for i in ids)
        _append_text(_paragraph(body, SUGGESTIONS_STYLE), line)


def write_diff_odt(
    diff: DocumentDiff,
    name: str = "",
    *,
    labels: Mapping[str, str] | None = None,
    describe: Callable[[Hashable], str] = str,
) -> bytes:
    """The ODT of the changes in `diff` (unchanged units left out), in reading order.

    labels: the words for "added", "removed", "changed" (a paragraph under each change's
        heading) and "suggestions" (before the list of ids); DEFAULT_LABELS otherwise.
    describe: what to write for a suggestion id (the id itself by default).
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    content, body = _document_content()
    if name:
        _append_text(_paragraph(body, TITLE_STYLE), name)
    for change in diff.units:
        if change.status != UNCHANGED:
            _write_change(body, change, labels, describe)
    return _package(content, name)
