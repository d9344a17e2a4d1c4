"""A small PDF reader for tests: enough of the format to check what WeasyPrint writes.

It reads the objects of a file (plain ones and those packed in compressed object
streams), the trailer (classic or cross-reference stream), and the text drawn on the
pages, mapped back to Unicode through each font's ToUnicode map. It is no general PDF
parser: no encryption, no incremental updates, only the Flate filter.
"""

import re
import zlib
from dataclasses import dataclass

WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"
_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class Name(str):
    """A PDF name, /Like /This, without its slash."""


class Operator(str):
    """A bare keyword of a content stream (Tf, TJ, BT...)."""


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass
class Stream:
    dictionary: dict
    raw: bytes

    @property
    def data(self) -> bytes:
        filters = self.dictionary.get("Filter")
        filters = filters if isinstance(filters, list) else [filters] if filters else []
        data = self.raw
        for name in filters:
            if name != "FlateDecode":
                raise ValueError(f"Unsupported PDF filter {name}")
            data = zlib.decompress(data)
        return data


def _skip(data: bytes, pos: int) -> int:
    """The position after whitespace and comments."""
    while pos < len(data):
        if data[pos] in WHITESPACE:
            pos += 1
        elif data[pos : pos + 1] == b"%":
            while pos < len(data) and data[pos] not in b"\r\n":
                pos += 1
        else:
            break
    return pos


def _word(data: bytes, pos: int) -> tuple[bytes, int]:
    end = pos
    while end < len(data) and data[end] not in WHITESPACE and data[end] not in DELIMITERS:
        end += 1
    return data[pos:end], end


def _literal_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """The bytes of the (string) starting at `pos`, with its escapes resolved."""
    out, depth, pos = bytearray(), 1, pos + 1
    while True:
        char = data[pos : pos + 1]
        if char == b"\\":
            following = data[pos + 1 : pos + 2]
            if following in _ESCAPES:
                out += _ESCAPES[following]
                pos += 2
            elif following.isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[pos + 1 : pos + 4]).group()
                out.append(int(digits, 8) & 0xFF)
                pos += 1 + len(digits)
            elif following in b"\r\n":
                pos += 3 if data[pos + 1 : pos + 3] == b"\r\n" else 2
            else:
                out += following
                pos += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), pos + 1
        out += char
        pos += 1


def parse(data: bytes, pos: int = 0):
    """The PDF value starting at `pos` (after whitespace), and the position after it."""
    pos = _skip(data, pos)
    two = data[pos : pos + 2]
    if two == b"<<":
        result, pos = {}, pos + 2
        while True:
            pos = _skip(data, pos)
            if data[pos : pos + 2] == b">>":
                return result, pos + 2
            key, pos = parse(data, pos)
            result[key], pos = parse(data, pos)
    char = data[pos : pos + 1]
    if char == b"[":
        result, pos = [], pos + 1
        while True:
            pos = _skip(data, pos)
            if data[pos : pos + 1] == b"]":
                return result, pos + 1
            value, pos = parse(data, pos)
            result.append(value)
    if char == b"<":
        end = data.index(b">", pos)
        digits = re.sub(rb"\s", b"", data[pos + 1 : end])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()), end + 1
    if char == b"(":
        return _literal_string(data, pos)
    if char == b"/":
        word, pos = _word(data, pos + 1)
        name = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes.fromhex(m.group(1).decode()), word)
        return Name(name.decode("utf-8", "replace")), pos
    word, end = _word(data, pos)
    if not word:
        raise ValueError(f"Unexpected PDF byte {data[pos : pos + 1]!r} at {pos}")
    if re.fullmatch(rb"[+-]?\d+", word):
        # An integer, unless it starts a reference: `12 0 R`.
        reference = re.match(rb"\s+(\d+)\s+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])", data[end:])
        if reference:
            return Ref(int(word)), end + reference.end()
        return int(word), end
    if re.fullmatch(rb"[+-]?(\d+\.?\d*|\.\d+)", word):
        return float(word), end
    return {b"true": True, b"false": False, b"null": None}.get(word, Operator(word.decode())), end


def text_string(value: bytes) -> str:
    """A PDF text string: UTF-16 with its byte-order mark, else (near enough) Latin-1."""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be")
    if value.startswith(b"\xef\xbb\xbf"):
        return value[3:].decode("utf-8")
    return value.decode("latin-1")


class PdfFile:
    """The objects of a PDF file, by number, and its trailer."""

    def __init__(self, data: bytes):
        if not data.startswith(b"%PDF-"):
            raise ValueError("Not a PDF file")
        self.data = data
        self.objects: dict[int, object] = {}
        self.trailer: dict = {}
        pos = 0
        while match := _OBJECT.search(data, pos):
            number = int(match.group(1))
            value, pos = parse(data, match.end())
            pos = _skip(data, pos)
            if data.startswith(b"stream", pos):
                pos += len(b"stream")
                pos += 2 if data[pos : pos + 2] == b"\r\n" else 1
                length = self.resolve(value["Length"])
                value = Stream(value, data[pos : pos + length])
                pos += length
            self.objects[number] = value
        for value in list(self.objects.values()):
            if isinstance(value, Stream):
                kind = value.dictionary.get("Type")
                if kind == "ObjStm":
                    self._unpack(value)
                elif kind == "XRef":
                    self.trailer = value.dictionary
        if not self.trailer:
            self.trailer, _end = parse(data, data.rindex(b"trailer") + len(b"trailer"))

    def _unpack(self, stream: Stream) -> None:
        data, first = stream.data, stream.dictionary["First"]
        header = [int(n) for n in data[:first].split()]
        for number, offset in zip(header[::2], header[1::2], strict=True):
            self.objects[number], _end = parse(data, first + offset)

    def resolve(self, value):
        while isinstance(value, Ref):
            value = self.objects[value.number]
        return value

    def get(self, dictionary, key, default=None):
        """`dictionary[key]`, following references (a Stream's dictionary too)."""
        if isinstance(dictionary, Stream):
            dictionary = dictionary.dictionary
        return self.resolve(dictionary.get(key, default))

    @property
    def catalog(self) -> dict:
        return self.resolve(self.trailer["Root"])

    @property
    def info(self) -> dict:
        return self.resolve(self.trailer.get("Info", {}))

    @property
    def xmp(self) -> str:
        """The XMP metadata of the document, or "" without any."""
        metadata = self.get(self.catalog, "Metadata")
        return metadata.data.decode("utf-8") if metadata else ""

    def pages(self) -> list[tuple[Ref, dict]]:
        """The pages in order, each with the reference the structure tree uses for it."""

        def walk(reference):
            node = self.resolve(reference)
            if self.get(node, "Type") == "Pages":
                for kid in self.get(node, "Kids"):
                    yield from walk(kid)
            else:
                yield reference, node

        return list(walk(self.catalog["Pages"]))

    def font_descriptors(self) -> list[dict]:
        return [
            value
            for value in self.objects.values()
            if isinstance(value, dict) and value.get("Type") == "FontDescriptor"
        ]

    def structure_types(self) -> list[str]:
        """The types (/S) of the structure elements, in document order."""
        types = []

        def walk(node):
            node = self.resolve(node)
            if not isinstance(node, dict):
                return
            if node.get("Type") == "StructElem":
                types.append(str(node["S"]))
            kids = self.resolve(node.get("K", []))
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

        walk(self.get(self.catalog, "StructTreeRoot"))
        return types

    def figure_alts(self) -> list[str | None]:
        """The alternative text of each Figure of the structure tree (None without)."""
        return [
            text_string(value["Alt"]) if "Alt" in value else None
            for value in self.objects.values()
            if isinstance(value, dict)
            and value.get("Type") == "StructElem"
            and value.get("S") == "Figure"
        ]

    def text(self) -> str:
        """The text drawn on the pages, in drawing order, one line per text object."""
        return "\n".join(line for _ref, page in self.pages() for line in self._page_text(page)[0])

    def reading_text(self) -> list[str]:
        """The text of the structure tree's elements, in its (reading) order: one item per
        marked-content sequence. Text outside the tree (artifacts: page numbers, rules)
        is not part of it."""
        by_page = {ref: self._page_text(page)[1] for ref, page in self.pages()}
        items = []

        def walk(node, page):
            node = self.resolve(node)
            page = node.get("Pg", page)
            kids = node.get("K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                if isinstance(kid, int):
                    items.append(by_page[page].get(kid, ""))
                    continue
                target = self.resolve(kid)
                if isinstance(target, dict) and target.get("Type") == "MCR":
                    items.append(by_page[target.get("Pg", page)].get(target["MCID"], ""))
                elif isinstance(target, dict) and target.get("Type") != "OBJR":
                    walk(kid, page)

        walk(self.get(self.catalog, "StructTreeRoot"), None)
        return items

    def _page_text(self, page: dict) -> tuple[list[str], dict[int, str]]:
        """The lines of text of a page, in drawing order, and the text by marked-content
        identifier (MCID)."""
        fonts = self.get(self.get(page, "Resources"), "Font", {})
        maps = {name: self._unicode_map(self.resolve(font)) for name, font in fonts.items()}
        contents = self.get(page, "Contents")
        data = b"\n".join(
            self.resolve(stream).data
            for stream in (contents if isinstance(contents, list) else [contents])
        )
        return _stream_text(data, maps)

    def _unicode_map(self, font: dict) -> tuple[dict, int]:
        """The codes of `font` mapped to text, and the width of a code in bytes."""
        width = 2 if font.get("Subtype") == "Type0" else 1
        cmap = self.get(font, "ToUnicode")
        if cmap is None:
            return {}, width
        mapping = {}
        data = cmap.data
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            values = _values(block)
            for code, text in zip(values[::2], values[1::2], strict=True):
                mapping[code] = text.decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            values = _values(block)
            for low, high, target in zip(values[::3], values[1::3], values[2::3], strict=True):
                start, end = int.from_bytes(low, "big"), int.from_bytes(high, "big")
                for index, code in enumerate(range(start, end + 1)):
                    key = code.to_bytes(len(low), "big")
                    if isinstance(target, list):
                        mapping[key] = target[index].decode("utf-16-be")
                    else:
                        last = int.from_bytes(target[-2:], "big") + index
                        mapping[key] = (target[:-2] + last.to_bytes(2, "big")).decode("utf-16-be")
        return mapping, width


def _stream_text(data: bytes, maps: dict) -> tuple[list[str], dict[int, str]]:
    """The lines drawn by a content stream and the text of each marked-content sequence."""
    lines, line, operands, font = [], [], [], ({}, 1)
    marked: list[int | None] = []  # the MCID of each open marked-content sequence
    by_mcid: dict[int, str] = {}
    pos = _skip(data, 0)
    while pos < len(data):
        if re.match(rb"BI\s", data[pos : pos + 3]):
            pos = _skip(data, data.index(b"EI", pos) + 2)  # inline image: skip its bytes
            continue
        value, pos = parse(data, pos)
        pos = _skip(data, pos)
        if not isinstance(value, Operator):
            operands.append(value)
            continue
        shown = ""
        if value == "Tf":
            font = maps.get(operands[0], ({}, 1))
        elif value in ("Tj", "'", '"'):
            shown = _decode(operands[-1], font)
        elif value == "TJ":
            shown = "".join(_decode(part, font) for part in operands[-1] if isinstance(part, bytes))
        elif value == "ET":
            lines.append("".join(line))
            line = []
        elif value == "BMC":
            marked.append(None)
        elif value == "BDC":
            properties = operands[-1]
            marked.append(properties.get("MCID") if isinstance(properties, dict) else None)
        elif value == "EMC" and marked:
            marked.pop()
        if shown:
            line.append(shown)
            mcid = next((m for m in reversed(marked) if m is not None), None)
            if mcid is not None:
                by_mcid[mcid] = by_mcid.get(mcid, "") + shown
        operands = []
    return lines, by_mcid


def _values(block: bytes) -> list:
    values, pos = [], _skip(block, 0)
    while pos < len(block):
        value, pos = parse(block, pos)
        values.append(value)
        pos = _skip(block, pos)
    return values


def _decode(value: bytes, font: tuple[dict, int]) -> str:
    mapping, width = font
    codes = (value[i : i + width] for i in range(0, len(value), width))
    return "".join(mapping.get(code, "\ufffd") for code in codes)


def read_pdf(data: bytes) -> PdfFile:
    return PdfFile(data)
