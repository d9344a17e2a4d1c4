"""The French message catalogue: current with the sources, every message worded, and
French plurals (0 and 1 in the singular) on every page."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings

from concerto.pages import catalogue

COUNTED = Template(
    "{% load i18n %}{% blocktranslate count counter=n with counter_n=n|nombre %}{{ counter_n }} "
    "suggestion sur cet article{% plural %}{{ counter_n }} suggestions sur cet article"
    "{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    "n, text",
    [(0, "0 suggestion sur cet article"), (1, "1 suggestion sur cet article"),
     (2, "2 suggestions sur cet article"), (1200, "1\u202f200 suggestions sur cet article")],
)  # fmt: skip
def test_zero_and_one_take_the_singular(n, text):
    assert COUNTED.render(Context({"n": n})) == text


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (the CI installs it)")
def test_every_message_of_the_sources_is_in_the_catalogue_with_its_wording(tmp_path):
    """Extracted again from a copy of the sources, the catalogue gains no message and none
    loses its wording: run `make messages` when this fails."""
    source = Path(settings.BASE_DIR) / "concerto"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "static")
    shutil.copytree(source, tmp_path / "concerto", ignore=ignore)
    locale = tmp_path / "concerto" / "locale"
    with override_settings(LOCALE_PATHS=[locale]):
        catalogue.extract(tmp_path)
    extracted = catalogue.read(locale / "fr" / "LC_MESSAGES" / "django.po")
    missing = [
        message.id
        for message in extracted
        if message.id and (message.fuzzy or catalogue.unworded(message))
    ]
    assert missing == []
    assert extracted.plural_forms == "nplurals=2; plural=(n > 1);"
