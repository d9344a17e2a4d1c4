"""One entry point for every draft format: `read_draft(data, format)`.

Text formats accept `str` or `bytes`; bytes are read as UTF-8 (with or without BOM),
then as Windows-1252, which is what older French word processors and e-mails produce.
A text that is neither gives the error "undecodable_text" with the offset of the
first byte that is not UTF-8 (line, column and byte offset).
"""

from __future__ import annotations

from dataclasses import replace

from concerto.engines.codrafting.docx import read_docx
from concerto.engines.codrafting.markdown import read_markdown
from concerto.engines.codrafting.odt import read_odt
from concerto.engines.codrafting.plaintext import read_plain_text
from concerto.engines.codrafting.problems import Problem, Reading, failed

TEXT_READERS = {"markdown": read_markdown, "text": read_plain_text}
ARCHIVE_READERS = {"docx": read_docx, "odt": read_odt}
FORMATS = (*TEXT_READERS, *ARCHIVE_READERS)
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".odt": "odt",
}


def format_of(filename: str) -> str | None:
    """The format a file name's extension stands for, or None."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return EXTENSIONS.get(extension)


def decode_text(data: bytes) -> tuple[str | None, Problem | None]:
    """The text of `data` and, when it was not UTF-8, the warning or error saying so."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        offset = error.start
    try:
        return data.decode("cp1252"), Problem("decoded_as_windows_1252")
    except UnicodeDecodeError:
        line = data.count(b"\n", 0, offset) + 1
        column = offset - data.rfind(b"\n", 0, offset)
        return None, Problem("undecodable_text", "error", line, column, str(offset))


def read_draft(data: bytes | str, format: str, name: str = "") -> Reading:
    """The document in `data`, read as `format` (one of FORMATS)."""
    if format in ARCHIVE_READERS:
        if isinstance(data, str):
            return failed("not_a_zip")
        return ARCHIVE_READERS[format](data, name)
    if format not in TEXT_READERS:
        return failed("unknown_format", detail=format)
    notice = None
    if isinstance(data, bytes):
        text, notice = decode_text(data)
        if text is None:
            return Reading(None, (notice,))
    else:
        text = data
    reading = TEXT_READERS[format](text, name)
    if notice is None:
        return reading
    return replace(reading, problems=(notice, *reading.problems))
