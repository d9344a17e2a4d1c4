"""check_page runs axe-core once per page structure: what the fingerprint tells apart."""

import pytest

from tests.browser.conftest import CheckedPage, check_page
from tests.browser.structure import PassedStructures, fingerprint

DOCUMENT = """<!doctype html><html lang="fr"><head><title>Essai</title></head><body>
<main><h1>Essai</h1>
<p><a href="/dispositifs/{pk}/" id="dispositif-{pk}">{link}</a></p>
<img src="/static/logo.png" alt="{alt}">
<p id="{second_id}">Texte</p>
<form><label for="{label_for}">Nom</label><input id="nom-{pk}" type="text"></form>
</main></body></html>"""


def document(pk=12, link="Concertation sur le plan vélo", alt="Logo", second_id="note", **rest):
    label_for = rest.get("label_for", f"nom-{pk}")
    return DOCUMENT.format(pk=pk, link=link, alt=alt, second_id=second_id, label_for=label_for)


@pytest.fixture
def blank(browser):
    context = browser.new_context(locale="fr-FR")
    raw = context.new_page()
    raw.checked = CheckedPage(raw)
    yield raw
    context.close()


def structure_of(blank, html: str) -> str:
    blank.set_content(html)
    return fingerprint(blank)


def test_other_words_and_other_ids_of_one_structure_give_one_fingerprint(blank):
    first = structure_of(blank, document())
    assert structure_of(blank, document(pk=345, link="Budget participatif", alt="Marianne")) == (
        first
    )


@pytest.mark.parametrize(
    "change",
    [
        {"link": ""},  # a link without a name
        {"alt": ""},  # an image without a text alternative
        {"second_id": "dispositif-12"},  # an id given twice
        {"label_for": "nom-0"},  # a label for a field that is not there
    ],
)
def test_what_accessibility_rules_read_changes_the_fingerprint(blank, change):
    assert structure_of(blank, document(**change)) != structure_of(blank, document())


def test_a_violation_in_a_structure_not_seen_yet_is_still_reported(blank):
    blank.set_content(document())
    check_page(blank, "Essai")
    blank.set_content(document(pk=99))
    check_page(blank, "Essai")  # same structure: passes without a second axe run
    blank.set_content(document(link=""))
    with pytest.raises(AssertionError, match="link-name"):
        check_page(blank, "Essai")


def test_suites_naming_one_file_share_the_structures_they_passed(tmp_path):
    shared = tmp_path / "structures"
    sqlite_suite = PassedStructures(str(shared))
    postgresql_suite = PassedStructures(str(shared))
    alone = PassedStructures()
    assert "a" * 64 not in postgresql_suite
    sqlite_suite.add("a" * 64)
    assert "a" * 64 in postgresql_suite
    assert "a" * 64 not in alone
    postgresql_suite.add("b" * 64)
    assert shared.read_text() == "a" * 64 + "\n" + "b" * 64 + "\n"
