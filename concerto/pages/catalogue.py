"""The French message catalogue (concerto/locale/fr/LC_MESSAGES/django.po).

Every text people read is written in French in the code, and gettext finds it in the
catalogue: the one place where a wording, or a plural form, is corrected for the whole
site. French counts 0 and 1 in the singular ("0 suggestion"), which only a catalogue with
its Plural-Forms header gives: without one, gettext falls back to "n == 1".

`update()` extracts the messages from the sources (Django's makemessages, GNU xgettext),
keeps every wording already in the catalogue, and fills a new message with its own text;
`compile_catalogue()` writes django.mo (`make install` does, with Babel: no msgfmt needed).
"""

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "concerto" / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"
# Folders whose French is not ours to extract: tests, benchmarks, the environment.
IGNORED = [".venv/*", "tests/*", "bench/*", "var/*", "scripts/*", "docs/*"]


def read(path: Path = CATALOGUE):
    with path.open("rb") as handle:
        return read_po(handle, locale="fr")


def _write(catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True)


def fill(catalog) -> list[str]:
    """Give each message without a wording (new, or whose source text changed: marked
    fuzzy by msgmerge) its own text; returns the messages whose wording was replaced."""
    replaced = []
    catalog.header_comment = (
        "# Concerto : le catalogue des messages en français.\n"
        "# Mis à jour par `concerto catalogue`, compilé par `make install`."
    )
    catalog.project, catalog.version = "Concerto", "1"
    catalog.language_team = "Concerto"
    catalog.last_translator = "Concerto"
    catalog.fuzzy = False
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            replaced.append(message.id if isinstance(message.id, str) else message.id[0])
            message.flags.discard("fuzzy")
            message.previous_id = []
            message.string = "" if isinstance(message.id, str) else ("", "")
        if unworded(message):
            message.string = message.id
    return replaced


def unworded(message) -> bool:
    """No wording yet: an empty one, or a plural message missing one of its forms."""
    if isinstance(message.string, str):
        return not message.string
    return not all(message.string)


def extract(root: Path) -> None:
    """Extract the messages of the sources under `root` into its catalogue (GNU gettext's
    xgettext and msgmerge, through Django's makemessages, which reads the tree it runs in)."""
    from django.core.management import call_command

    cwd = os.getcwd()
    os.chdir(root)
    try:
        call_command(
            "makemessages", locale=["fr"], no_obsolete=True, no_location=True,
            ignore_patterns=IGNORED, verbosity=0,
        )  # fmt: skip
    finally:
        os.chdir(cwd)


def update() -> list[str]:
    extract(Path(settings.BASE_DIR))
    catalog = read()
    replaced = fill(catalog)
    _write(catalog, CATALOGUE)
    return replaced


def compile_catalogue(path: Path = CATALOGUE) -> Path:
    target = path.with_suffix(".mo")
    catalog = read(path)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return target
