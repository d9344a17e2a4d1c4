"""No English reaches the people who read Concerto (issue 24): neither in the message
catalogue (every string of the code and of the templates given to gettext, choices'
labels included) nor in the text that templates write as it is.

English words are found by a list of words that are English and not French ("the",
"save", "draft"…), so that a French sentence never trips it; brands and names that are
English by nature are listed apart, with why."""

import re
from html.parser import HTMLParser
from pathlib import Path

from concerto.pages import catalogue

CONCERTO = Path(__file__).resolve().parents[2] / "concerto"
ENGLISH = {
    # grammar words
    "the", "and", "of", "with", "without", "your", "you", "this", "that", "these", "those",
    "for", "from", "into", "is", "are", "was", "were", "be", "been", "will", "would",
    "should", "could", "can", "cannot", "please", "here", "there", "which", "what", "when",
    "where", "who", "why", "how", "yes", "not", "no", "by", "at", "it", "its",
    # interface words
    "click", "save", "cancel", "submit", "delete", "edit", "search", "next", "previous",
    "back", "loading", "error", "required", "optional", "sign", "login", "logout",
    "settings", "home", "view", "show", "hide", "more", "less", "add", "remove",
    "update", "create", "select", "choose", "enter", "upload", "download", "files",
    "name", "email", "password", "users", "account", "welcome", "thanks", "thank",
    "sorry", "found", "forbidden", "unknown", "draft", "pending", "approved", "rejected",
    "published", "closed", "open", "partly", "paper", "online", "issued", "opinion_issued",
    "submitted", "answered", "late", "none", "true", "false", "null", "undefined",
    "skip", "menu_close", "read", "unread", "follow", "unfollow",
}  # fmt: skip
ALLOWED_PHRASES = [
    "OpenID Connect",  # the protocol's name
    "Open Data Commons",  # the licence's name
    "CC BY",  # the Creative Commons licence's name
    # Machine codes a file or an API carries, named for those who write or read them.
    "paper (papier, cahier citoyen), mail (courrier), email (courriel)",
    "paper, mail, email, meeting",
    "retained, partly-retained, not-retained",
]
# Between French quotes, a name is cited as it is written (a file, a link, a column).
CITED = re.compile(r"«[^»]*»|\(…[^)]*\)")
WORD = re.compile(r"[A-Za-zÀ-ÿ_]+")
# Placeholders: "%(name)s", "%s", "{number}", HTML entities ("&amp;").
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}|&\w+;")


def _english(text: str) -> list[str]:
    text = CITED.sub(" ", PLACEHOLDER.sub(" ", text))
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, "")
    return sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH})


class _VisibleText(HTMLParser):
    """The text of a template as its readers see it: text nodes and the attributes that
    are read out (alt, title, aria-label, placeholder), outside scripts and styles."""

    READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "code", "pre"}:
            self.skipping += 1
        self.parts += [v for k, v in attrs if k in self.READ_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag in {"script", "style", "code", "pre"} and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)
COMMENT_BLOCK = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)


def visible_text(source: str) -> str:
    """What a template writes as it is: its syntax removed (what `translate` gives goes
    through the catalogue, checked apart), then its HTML parsed."""
    source = COMMENT_BLOCK.sub(" ", source)
    parser = _VisibleText()
    parser.feed(TEMPLATE_SYNTAX.sub(" ", source))
    return " ".join(parser.parts)


def test_the_catalogue_has_no_english_word():
    found = {}
    for message in catalogue.read():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        words = _english(" ".join(ids + strings))
        if words:
            found[ids[0]] = words
    assert found == {}


def test_templates_write_no_english_word():
    found = {}
    for path in sorted(CONCERTO.glob("**/templates/**/*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        words = _english(visible_text(path.read_text()))
        if words:
            found[str(path.relative_to(CONCERTO))] = words
    assert found == {}


def test_the_check_finds_english_and_lets_french_through():
    assert _english(visible_text("<p>Click <a title='Save'>here</a> to save the draft</p>")) == [
        "Click", "Save", "draft", "here", "save", "the",
    ]  # fmt: skip
    assert _english(visible_text("<p>Téléverser le fichier {% translate 'Save' %}</p>")) == []
    assert _english("Connexion avec OpenID Connect : la page est ouverte à tous.") == []
