"""A page's structural fingerprint: what axe-core's WCAG rules look at, and nothing else.

axe-core takes about 0.6 s a page, and most journeys go back to pages of a structure the
session already checked (a dashboard, a list with other rows). Two documents with the same
fingerprint give axe the same elements, roles, names, relations and styles to judge, so
`check_page` runs axe once per fingerprint and session. The fingerprint keeps, for every
element: its tag, id, classes, inline style, the attributes that accessibility rules read
(role, aria-*, alt, title, lang, for, type, autocomplete, tabindex, scope, headers, open,
hidden, disabled, href present or not, ...), and whether it has a text; of texts held in
attributes (alt, title, aria-label, value...) only whether there is one. Ids become their
rank in the document and references (for, headers, aria-labelledby...) the rank of the id
they name, or `?` for none: rows of other objects compare equal, a label whose field is
missing does not. Repeated ids are flagged, since axe refuses duplicates.
"""

import hashlib
from pathlib import Path

from playwright.sync_api import Page

FINGERPRINT_JS = r"""
() => {
  const REFERENCES = new Set(["for", "headers", "aria-labelledby", "aria-describedby",
                              "aria-controls", "aria-owns", "aria-activedescendant",
                              "aria-details", "aria-errormessage", "aria-flowto", "list",
                              "form"]);
  const PRESENCE = new Set(["alt", "title", "value", "placeholder", "label", "summary",
                            "aria-label", "aria-description", "aria-placeholder",
                            "aria-valuetext", "aria-roledescription", "aria-braillelabel"]);
  const READ = new Set(["role", "lang", "type", "autocomplete", "tabindex", "scope", "open",
                        "hidden", "disabled", "required", "multiple", "name", "content",
                        "http-equiv", "dir", "accesskey", "colspan", "rowspan", "style",
                        "class", "src", "xml:lang", "contenteditable", "inert", "controls",
                        "autoplay", "muted", "srcdoc", "usemap"]);
  const elements = [...document.querySelectorAll("*")];
  const rank = new Map();
  let repeated = false;
  for (const element of elements) {
    if (!element.id) continue;
    if (rank.has(element.id)) repeated = true;
    else rank.set(element.id, rank.size);
  }
  const refer = (value) => value.split(/\s+/).filter(Boolean)
    .map((id) => rank.has(id) ? `#${rank.get(id)}` : "?").join(" ");
  const lines = [];
  for (const element of elements) {
    const attributes = [];
    for (const { name, value } of element.attributes) {
      if (name === "href") attributes.push("href");
      else if (name === "id") attributes.push(`id=#${rank.get(value)}`);
      else if (REFERENCES.has(name)) attributes.push(`${name}=${refer(value)}`);
      // The words of a text do not change a rule's verdict, whether there is one does.
      else if (PRESENCE.has(name)) attributes.push(`${name}:${value.trim() !== ""}`);
      else if (READ.has(name) || name.startsWith("aria-")) attributes.push(`${name}=${value}`);
    }
    const text = (element.textContent || "").trim() !== "";
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== "");
    lines.push(`${element.tagName}|${attributes.sort().join(",")}|${text}|${ownText}`);
  }
  return `${document.documentElement.lang}|${repeated}\n${lines.join("\n")}`;
}
"""


def fingerprint(page: Page) -> str:
    """A digest of the page's structure as it stands (see this module's docstring)."""
    return hashlib.sha256(page.evaluate(FINGERPRINT_JS).encode()).hexdigest()


class PassedStructures:
    """The fingerprints whose pages axe-core passed, for one test session.

    Where `CONCERTO_PASSED_STRUCTURES` names a file, the sessions naming it share what they
    passed: the CI runs the SQLite and PostgreSQL suites side by side on one checkout, and
    a structure one of them passed gets the same verdict in the other (the same templates
    and the same journeys; the database does not reach a page's markup). The file must be
    new for each run, as `.ci/run` makes it in its temporary folder: the fingerprint leaves
    the stylesheets out (one session, one checkout), and a verdict kept from an earlier
    checkout could hide a contrast its changed styles broke. Each fingerprint is one short
    line appended in one write, which appending processes do not interleave.
    """

    def __init__(self, path: str = ""):
        self.path = Path(path) if path else None
        self.known: set[str] = set()

    def __contains__(self, structure: str) -> bool:
        if structure not in self.known and self.path and self.path.exists():
            self.known.update(self.path.read_text().split())
        return structure in self.known

    def add(self, structure: str) -> None:
        self.known.add(structure)
        if self.path:
            with self.path.open("a") as shared:
                shared.write(structure + "\n")
