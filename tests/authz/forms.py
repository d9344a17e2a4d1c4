"""The forms of a page, read from its HTML: where each posts and the values it sends.

Used by tests/authz/test_generated_input.py to learn the fields of every form of the
platform as a browser would see them, without knowing the view's form class.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Input types whose value is typed rather than chosen.
CHOICE_TYPES = {"checkbox", "radio"}
BUTTON_TYPES = {"submit", "image"}
IGNORED_TYPES = {"reset", "button"}


@dataclass
class Field:
    name: str
    kind: str  # an input type, "select", "select-multiple", "textarea" or "file"
    defaults: list[str] = field(default_factory=list)  # what the form sends untouched
    options: list[str] = field(default_factory=list)  # offered values (choices, buttons)


@dataclass
class Form:
    action: str  # the path it posts to
    form_id: str = ""
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def has_files(self) -> bool:
        return any(f.kind == "file" for f in self.fields.values())

    def defaults(self) -> dict[str, list[str]]:
        """What pressing the first submit button sends: each field's current value, a
        radio group's first choice when none is checked."""
        values: dict[str, list[str]] = {}
        for f in self.fields.values():
            if f.kind == "file":
                continue
            if f.kind in BUTTON_TYPES:
                values[f.name] = f.options[:1]
            elif f.kind == "radio" and not f.defaults:
                values[f.name] = f.options[:1]
            elif f.defaults:
                values[f.name] = list(f.defaults)
            elif f.kind == "select" and f.options:
                values[f.name] = f.options[:1]
            elif f.kind not in CHOICE_TYPES and f.kind != "select-multiple":
                values[f.name] = [""]
        return values


class _Parser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self._by_id: dict[str, Form] = {}
        self._orphans: list[tuple[str, Field]] = []  # fields outside their form (form="id")
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            method = (a.get("method") or "get").lower()
            path = urlsplit(a.get("action") or "").path or self.page_path
            self._form = Form(path, a.get("id", "")) if method == "post" else None
            if self._form is not None:
                self.forms.append(self._form)
                if self._form.form_id:
                    self._by_id[self._form.form_id] = self._form
        elif tag in ("input", "select", "textarea", "button"):
            f = self._field(tag, a)
            if f is None:
                return
            if a.get("form"):
                self._orphans.append((a["form"], f))
            elif self._form is not None:
                _merge(self._form, f)
        elif tag == "option" and self._select is not None:
            self._option = a
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.defaults.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option":
            self._option = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.defaults = [(self._textarea.defaults or [""])[0] + data]
        elif self._option is not None and "value" not in self._option and self._select:
            # <option>text</option> sends its text.
            self._select.options[-1] += data.strip()

    def _field(self, tag: str, a: dict) -> Field | None:
        name = a.get("name")
        if not name or "disabled" in a:
            return None
        if tag == "select":
            self._select = Field(name, "select-multiple" if "multiple" in a else "select")
            return self._select
        if tag == "textarea":
            self._textarea = Field(name, "textarea")
            return self._textarea
        kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
        if kind in IGNORED_TYPES:
            return None
        value = a.get("value", "on" if kind in CHOICE_TYPES else "")
        if kind in CHOICE_TYPES | BUTTON_TYPES:
            checked = kind in CHOICE_TYPES and "checked" in a
            return Field(name, kind, defaults=[value] if checked else [], options=[value])
        return Field(name, kind, defaults=[] if kind == "file" else [value])

    def close(self):
        super().close()
        for form_id, f in self._orphans:
            if form_id in self._by_id:
                _merge(self._by_id[form_id], f)


def _merge(form: Form, f: Field) -> None:
    """A checkbox group or several buttons share one name: their values add up."""
    known = form.fields.get(f.name)
    if known is None:
        form.fields[f.name] = f
    else:
        known.defaults += f.defaults
        known.options += f.options


def post_forms(html: str, page_path: str) -> list[Form]:
    """The forms of the page that post (method="post"), with their fields."""
    parser = _Parser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
