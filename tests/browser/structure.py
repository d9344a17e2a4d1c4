"""A page's structural fingerprint: what axe-core's WCAG rules look at, and nothing else.

axe-core takes about 0.6 s a page, and most journeys go back to pages of a structure the
session already checked (a dashboard, a list with other rows). Two documents with the same
fingerprint give axe the same elements, roles, names, relations and styles to judge, so
`check_page` runs axe once per fingerprint and session. The fingerprint keeps, for every
element: its tag, id, classes, inline style, the attributes that accessibility rules read
(role, aria-*, alt, title, lang, for, type, autocomplete, tabindex, scope, headers, open,
hidden, disabled, href present or not, ...), and whether it has a text. Digits in ids and
references become `0`, so rows of other objects compare equal; repeated ids are kept
apart by a flag, since axe refuses duplicates.
"""

import hashlib

from playwright.sync_api import Page

FINGERPRINT_JS = r"""
() => {
  const norm = (value) => value.replace(/\d+/g, "0");
  const REFERENCES = new Set(["id", "for", "headers", "aria-labelledby", "aria-describedby",
                              "aria-controls", "aria-owns", "aria-activedescendant",
                              "aria-details", "aria-errormessage", "list", "form"]);
  const READ = new Set(["role", "alt", "title", "lang", "type", "autocomplete", "tabindex",
                        "scope", "headers", "open", "hidden", "disabled", "required",
                        "multiple", "name", "content", "http-equiv", "dir", "accesskey",
                        "colspan", "rowspan", "style", "class", "src", "value",
                        "placeholder", "label", "xml:lang", "contenteditable", "inert",
                        "controls", "autoplay", "muted", "srcdoc", "usemap", "summary"]);
  const ids = new Map();
  const lines = [];
  for (const element of document.querySelectorAll("*")) {
    const attributes = [];
    for (const { name, value } of element.attributes) {
      if (name === "href") attributes.push("href");
      else if (REFERENCES.has(name) || name.startsWith("aria-")) {
        attributes.push(`${name}=${REFERENCES.has(name) ? norm(value) : value}`);
      } else if (READ.has(name)) {
        // A text's own words do not change a rule's verdict, whether there is one does.
        const asPresence = ["alt", "title", "value", "placeholder", "label", "summary"];
        attributes.push(asPresence.includes(name) ? `${name}:${value.trim() !== ""}` :
                        `${name}=${value}`);
      }
    }
    if (element.id) ids.set(element.id, (ids.get(element.id) || 0) + 1);
    const text = (element.textContent || "").trim() !== "";
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== "");
    lines.push(`${element.tagName}|${attributes.sort().join(",")}|${text}|${ownText}`);
  }
  const repeated = [...ids.values()].some((count) => count > 1);
  return `${document.documentElement.lang}|${repeated}\n${lines.join("\n")}`;
}
"""


def fingerprint(page: Page) -> str:
    """A digest of the page's structure as it stands (see this module's docstring)."""
    return hashlib.sha256(page.evaluate(FINGERPRINT_JS).encode()).hexdigest()
