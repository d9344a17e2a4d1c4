"""What a file really is, from its first bytes: a pure-Python signature table.

No libmagic: only the formats the platform accepts are recognised, plus the
dangerous ones it must refuse (programs, HTML and SVG, which a browser would run).
"""

import zipfile
from typing import BinaryIO

HEAD_SIZE = 8192
# Reading a zip member to tell an office document from a plain archive: a few kB suffice.
MAX_MEMBER_READ = 64 * 1024
TEXT_CHUNK = 1024 * 1024

# Kinds a file can be sniffed as.
PDF, PNG, JPEG, WEBP = "pdf", "png", "jpeg", "webp"
TEXT, VTT = "text", "vtt"
ZIP, ODT, ODS, DOCX, XLSX = "zip", "odt", "ods", "docx", "xlsx"
MP4, WEBM = "mp4", "webm"
EXECUTABLE, MARKUP = "executable", "markup"

# Safe content type to serve each accepted kind with.
CONTENT_TYPES = {
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    WEBP: "image/webp",
    TEXT: "text/plain",
    VTT: "text/vtt",
    ZIP: "application/zip",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    MP4: "video/mp4",
    WEBM: "video/webm",
}
# Kinds a browser may display in the page without risk (no script can run from them).
INLINE_KINDS = frozenset({PDF, PNG, JPEG, WEBP})

# Which sniffed kinds each declared extension admits.
EXTENSION_KINDS = {
    "pdf": {PDF},
    "png": {PNG},
    "jpg": {JPEG},
    "jpeg": {JPEG},
    "webp": {WEBP},
    "csv": {TEXT},
    "txt": {TEXT, VTT},
    "md": {TEXT},
    "srt": {TEXT},
    "vtt": {VTT},
    # Any zip-based file is an archive; office formats must carry their own declaration.
    "zip": {ZIP, ODT, ODS, DOCX, XLSX},
    "odt": {ODT},
    "ods": {ODS},
    "docx": {DOCX},
    "xlsx": {XLSX},
    "mp4": {MP4},
    "webm": {WEBM},
}

_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O, 32 and 64 bits, both byte orders
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary and Java class
    b"#!/",  # script with an interpreter line
    b"MSCF",  # Windows cabinet
)
# Leading markup a browser would render as a web page or an SVG image (both can run script).
_MARKUP_PREFIXES = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<?xml",
    b"<!--",
    b"<meta",
    b"<object",
    b"<embed",
    b"<a ",
    b"<div",
    b"<img",
    b"<style",
    b"<title",
)
# Anywhere in the first kilobytes: an SVG, or a script or event handler in markup.
_MARKUP_ANYWHERE = (b"<svg", b"<script", b"<html", b"javascript:")
_OFFICE_CONTENT_TYPES = {
    b"wordprocessingml.document.main+xml": DOCX,
    b"spreadsheetml.sheet.main+xml": XLSX,
}
_OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
# Control characters plain text may hold: tab, line feed, vertical tab, form feed,
# carriage return, and the old DOS end-of-file marker.
_ALLOWED_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a")
_FORBIDDEN_CONTROLS = bytes(c for c in range(32) if c not in _ALLOWED_CONTROLS)


def sniff(file: BinaryIO) -> str | None:
    """The kind of `file` from its content, or None when it is none of the known kinds.

    Reads from the start and leaves the position at the start again.
    """
    file.seek(0)
    head = file.read(HEAD_SIZE)
    try:
        return _sniff(file, head)
    finally:
        file.seek(0)


def _sniff(file: BinaryIO, head: bytes) -> str | None:
    if _is_executable(head):
        return EXECUTABLE
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(file)
    if _is_markup(head):
        return MARKUP
    if _is_text(file):
        return VTT if head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT") else TEXT
    return None


def _is_executable(head: bytes) -> bool:
    # "MZ" starts Windows programs, whose header always holds NUL bytes; a text file
    # that happens to start with "MZ" does not.
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return True
    return head.startswith(_EXECUTABLE_MAGIC)


def _is_markup(head: bytes) -> bool:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    # UTF-16 markup: drop the NUL bytes to see the tags.
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        start = start[2:].replace(b"\x00", b"").lstrip()
    if start.startswith(_MARKUP_PREFIXES):
        return True
    lowered = head.lower()
    return start.startswith(b"<") and any(marker in lowered for marker in _MARKUP_ANYWHERE)


def _is_text(file: BinaryIO) -> bool:
    """Plain text: no NUL or other binary control byte, decodable as UTF-8 or ISO-8859-1.

    Every byte sequence decodes as ISO-8859-1, so the control bytes decide; the whole
    file is scanned in chunks, not only its head.
    """
    file.seek(0)
    while chunk := file.read(TEXT_CHUNK):
        if any(control in chunk for control in _FORBIDDEN_CONTROLS):
            return False
    return True


def _zip_kind(file: BinaryIO) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = _read_member(archive, "mimetype").strip()
                if declared in _OPENDOCUMENT_MIMETYPES:
                    return _OPENDOCUMENT_MIMETYPES[declared]
            if "[Content_Types].xml" in names:
                types = _read_member(archive, "[Content_Types].xml")
                for marker, kind in _OFFICE_CONTENT_TYPES.items():
                    if marker in types:
                        return kind
            return ZIP
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(MAX_MEMBER_READ)
