"""Downloads of a published version: the text and its changes since the draft, as
HTML, PDF and ODT, each change naming its suggestions."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils.html import escape

from concerto.codrafting import actions
from concerto.engines.codrafting import read_odt
from concerto.participation.actions import set_module_published
from tests.codrafting.conftest import key

pytestmark = pytest.mark.django_db

ODT = "application/vnd.oasis.opendocument.text"


def url(module, name, number, fmt):
    return reverse(
        f"codrafting:{name}",
        kwargs={"slug": module.process.slug, "module_id": module.pk, "number": number, "fmt": fmt},
    )


@pytest.fixture
def three_versions(published, module, organiser, citizens):
    """Version 2 rewords article 2 (Alice's suggestion) and adds article 2 bis (Bruno's);
    version 3 rewords article 5 (Alice's second suggestion)."""
    alice, bruno = citizens
    article_2 = published.units.get(label="Article 2")
    paragraph = article_2.children.get()
    wording, _ = actions.suggest_rewording(
        paragraph, author=alice, idempotency_key=key(),
        text="Les données de référence sont mises à disposition gratuitement.",
    )  # fmt: skip
    new_article, _ = actions.suggest_article(
        article_2, author=bruno, heading="Données d'intérêt général", idempotency_key=key(),
        text="Les concessionnaires publient leurs données.",
    )  # fmt: skip
    version_2 = actions.start_version(module, actor=organiser)
    actions.update_unit(
        version_2.units.get(origin=paragraph), actor=organiser, heading="", open=True,
        text="Les données de référence sont mises à disposition gratuitement.",
        sources=[wording.pk],
    )  # fmt: skip
    actions.add_article(
        version_2, actor=organiser, after=version_2.units.get(origin=article_2),
        label="Article 2 bis", heading="", sources=[new_article.pk],
        text="Les concessionnaires publient leurs données.",
    )  # fmt: skip
    actions.publish_version(version_2, actor=organiser, note="Deux suggestions retenues.")
    article_5 = version_2.units.get(label="Article 5").children.get()
    date, _ = actions.suggest_rewording(
        article_5, author=alice, idempotency_key=key(),
        text="La présente loi entre en vigueur le 1er juillet 2027.",
    )  # fmt: skip
    version_3 = actions.start_version(module, actor=organiser)
    actions.update_unit(
        version_3.units.get(origin=article_5), actor=organiser, heading="", open=True,
        text="La présente loi entre en vigueur le 1er juillet 2027.", sources=[date.pk],
    )  # fmt: skip
    actions.publish_version(version_3, actor=organiser, note="Date d'entrée en vigueur.")
    return version_3, (wording, new_article, date)


def test_the_text_of_a_version_downloads_as_html(client, published, module):
    response = client.get(url(module, "text_download", 1, "html"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="texte-version-1.html"'
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "<title>Projet de loi — version 1</title>" in html
    assert "<h3>Chapitre Ier – Économie de la donnée</h3>" in html
    assert "<h4>Article 1er</h4>" in html
    assert "<p>Cette publication est gratuite.</p>" in html
    assert "dsfr" not in html.lower()


def test_the_text_of_a_version_downloads_as_odt_read_back_article_by_article(
    client, published, module
):
    response = client.get(url(module, "text_download", 1, "odt"))
    assert response.status_code == 200
    assert response["Content-Type"] == ODT
    assert response["Content-Disposition"] == 'attachment; filename="texte-version-1.odt"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist()[0] == "mimetype"
        content = archive.read("content.xml").decode()
    assert "Chapitre Ier – Économie de la donnée</text:h>" in content
    reading = read_odt(response.content)
    assert reading.document.name == "Projet de loi"
    assert [(a.key, a.label) for a in reading.document.articles()] == [
        ("t1.c1.a1", "Article 1er"),
        ("t1.c1.a2", "Article 2"),
        ("t1.c2.a1", "Article 3"),
        ("t1.c2.a2", "Article 4"),
        ("t1.c2.a3", "Article 5"),
    ]
    assert reading.document.find("t1.c1.a1.p2").text == "Cette publication est gratuite."


def test_the_text_of_a_version_downloads_as_pdf(client, published, module):
    response = client.get(url(module, "text_download", 1, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="texte-version-1.pdf"'
    assert response.content.startswith(b"%PDF")


def test_the_changes_since_the_draft_name_the_suggestions_of_every_version(
    client, three_versions, module
):
    version_3, (wording, new_article, date) = three_versions
    response = client.get(url(module, "changes_download", 3, "html"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="changements-depuis-le-projet-version-3.html"'
    )
    html = response.content.decode()
    assert "<h1>Projet de loi : changements de la version 3 depuis le projet</h1>" in html
    assert html.count('<section class="change change-') == 3
    assert html.count('<section class="change change-added">') == 1
    assert (
        'mises à disposition<ins><span class="fr-sr-only">[ajouté : </span> gratuitement'
        '<span class="fr-sr-only">]</span></ins>.'
    ) in html
    assert "<h2>Article 2 bis</h2>" in html
    # A suggestion made on version 2 is still named in the changes from version 1 to 3.
    for suggestion in (wording, new_article, date):
        link = f"http://testserver/dispositifs/{module.process.slug}/texte/"
        assert f'<a href="{link}' in html
        assert f"{escape(suggestion.title)}</a> (n° {suggestion.pk})" in html
    assert (
        'vigueur le 1er <del><span class="fr-sr-only">[supprimé : </span>janvier'
        '<span class="fr-sr-only">]</span></del><ins><span class="fr-sr-only">[ajouté : '
        '</span>juillet<span class="fr-sr-only">]</span></ins> 2027.'
    ) in html


def test_the_changes_since_the_draft_download_as_odt_and_pdf(client, three_versions, module):
    _version_3, (wording, new_article, date) = three_versions
    response = client.get(url(module, "changes_download", 3, "odt"))
    assert response.status_code == 200
    assert response["Content-Type"] == ODT
    assert response["Content-Disposition"] == (
        'attachment; filename="changements-depuis-le-projet-version-3.odt"'
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        content = archive.read("content.xml").decode()
    assert '<text:span text:style-name="Inserted"> gratuitement</text:span>' in content
    assert '<text:span text:style-name="Deleted">janvier</text:span>' in content
    assert '<text:span text:style-name="Inserted">juillet</text:span>' in content
    assert f"Suggestions à l'origine de ce changement : « {wording.title} » (" in content
    assert f"« {new_article.title} »" in content and f"« {date.title} »" in content
    reading = read_odt(response.content)
    assert reading.document.name == ("Projet de loi — changements de la version 3 depuis le projet")
    assert [a.label for a in reading.document.articles()] == [
        "Article 2",
        "Article 2 bis",
        "Article 5",
    ]
    response = client.get(url(module, "changes_download", 3, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="changements-depuis-le-projet-version-3.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_version_page_links_to_its_downloads(client, three_versions, module):
    page = reverse(
        "codrafting:version",
        kwargs={"slug": module.process.slug, "module_id": module.pk, "number": 3},
    )
    html = client.get(page).content.decode()
    for name in ("text_download", "changes_download"):
        for fmt in ("html", "pdf", "odt"):
            assert f'href="{url(module, name, 3, fmt)}"' in html
    first = reverse(
        "codrafting:version",
        kwargs={"slug": module.process.slug, "module_id": module.pk, "number": 1},
    )
    html = client.get(first).content.decode()
    assert f'href="{url(module, "text_download", 1, "odt")}"' in html
    assert "changements." not in html


def test_no_download_of_what_the_version_page_does_not_show(client, published, module, organiser):
    assert client.get(url(module, "changes_download", 1, "html")).status_code == 404
    assert client.get(url(module, "text_download", 1, "docx")).status_code == 404
    draft = actions.start_version(module, actor=organiser)
    assert client.get(url(module, "text_download", draft.number, "html")).status_code == 404
    assert client.get(url(module, "changes_download", draft.number, "odt")).status_code == 404
    set_module_published(module, actor=organiser, published=False)
    assert client.get(url(module, "text_download", 1, "html")).status_code == 404
    client.force_login(organiser)
    assert client.get(url(module, "text_download", 1, "html")).status_code == 200
