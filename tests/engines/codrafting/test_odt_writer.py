"""Writing a text and a diff as ODT: a valid package that the engine's reader reads back."""

import io
import zipfile
from xml.etree import ElementTree

from concerto.engines.codrafting.document_diff import document_diff
from concerto.engines.codrafting.markdown import read_markdown
from concerto.engines.codrafting.odt import read_odt
from concerto.engines.codrafting.odt_writer import MIMETYPE, write_diff_odt, write_odt
from concerto.engines.codrafting.structure import Document, Unit

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"

DRAFT = """\
# Projet de loi pour une République numérique

Exposé des motifs.

## Chapitre Ier - Économie de la donnée

### Article 1er

Les administrations publient en ligne les documents qu'elles communiquent.

Cette publication est gratuite.

### Article 2 - Données de référence

Les données de référence sont mises à disposition.

## Chapitre II

Section 1 - Droits

### Article 3

Toute personne peut demander l'effacement de ses données.
"""


def outline(document):
    return [(u.key, u.kind, u.label, u.heading, u.text) for u in document.flatten()]


def draft():
    return read_markdown(DRAFT, "Projet de loi").document


def test_a_text_written_as_odt_reads_back_unit_for_unit():
    document = draft()
    reading = read_odt(write_odt(document))
    assert reading.problems == ()
    assert reading.document.name == "Projet de loi"
    assert outline(reading.document) == outline(document)
    assert outline(reading.document) == [
        ("t1", "title", "", "Projet de loi pour une République numérique", ""),
        ("t1.p1", "paragraph", "", "", "Exposé des motifs."),
        ("t1.c1", "chapter", "Chapitre Ier", "Économie de la donnée", ""),
        ("t1.c1.a1", "article", "Article 1er", "", ""),
        ("t1.c1.a1.p1", "paragraph", "", "",
         "Les administrations publient en ligne les documents qu'elles communiquent."),
        ("t1.c1.a1.p2", "paragraph", "", "", "Cette publication est gratuite."),
        ("t1.c1.a2", "article", "Article 2", "Données de référence", ""),
        ("t1.c1.a2.p1", "paragraph", "", "", "Les données de référence sont mises à disposition."),
        ("t1.c2", "chapter", "Chapitre II", "", ""),
        ("t1.c2.s1", "section", "Section 1", "Droits", ""),
        ("t1.c2.s1.a1", "article", "Article 3", "", ""),
        ("t1.c2.s1.a1.p1", "paragraph", "", "",
         "Toute personne peut demander l'effacement de ses données."),
    ]  # fmt: skip


def test_the_package_starts_with_its_stored_mimetype_and_lists_its_parts():
    data = write_odt(draft())
    # A program recognises an ODT by these bytes: the first entry's name and content.
    assert data[30:38] == b"mimetype"
    assert data[38 : 38 + len(MIMETYPE)] == MIMETYPE.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [info.filename for info in infos] == [
            "mimetype",
            "META-INF/manifest.xml",
            "content.xml",
            "styles.xml",
            "meta.xml",
        ]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == MIMETYPE.encode()
        manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))
        content = ElementTree.fromstring(archive.read("content.xml"))
        styles = ElementTree.fromstring(archive.read("styles.xml"))
    entries = {
        e.get(f"{MANIFEST}full-path"): e.get(f"{MANIFEST}media-type")
        for e in manifest.iter(f"{MANIFEST}file-entry")
    }
    assert entries == {
        "/": MIMETYPE,
        "content.xml": "text/xml",
        "styles.xml": "text/xml",
        "meta.xml": "text/xml",
    }
    headings = [
        (h.get(f"{TEXT}outline-level"), "".join(h.itertext())) for h in content.iter(f"{TEXT}h")
    ]
    assert headings == [
        ("1", "Projet de loi pour une République numérique"),
        ("2", "Chapitre Ier – Économie de la donnée"),
        ("3", "Article 1er"),
        ("3", "Article 2 – Données de référence"),
        ("2", "Chapitre II"),
        ("3", "Section 1 – Droits"),
        ("3", "Article 3"),
    ]
    # Every style the content uses is defined.
    defined = {s.get(f"{STYLE}name") for s in styles.iter(f"{STYLE}style")}
    used = {e.get(f"{TEXT}style-name") for e in content.iter() if e.get(f"{TEXT}style-name")}
    assert used <= defined


def test_line_breaks_and_runs_of_spaces_survive():
    document = Document.of(
        [Unit("article", "Article 1er", "1", children=(
            Unit("paragraph", text="Sont abrogés :\n1° le décret  n° 12 ;\n2° l'arrêté."),
        ))]
    )  # fmt: skip
    data = write_odt(document, name="")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<text:line-break />") == 2
    assert '<text:s text:c="1" />' in content
    reading = read_odt(data)
    assert reading.document.name == ""
    # The reader collapses spaces, as every reader does; the breaks stay.
    assert [u.text for u in reading.document.flatten()] == [
        "",
        "Sont abrogés :\n1° le décret n° 12 ;\n2° l'arrêté.",
    ]


def test_a_diff_marks_deletions_and_insertions_and_names_the_suggestions():
    old = draft()
    new = read_markdown(
        DRAFT.replace("Cette publication est gratuite.", "Cette publication est libre et gratuite.")
        .replace("### Article 2 - Données de référence\n\nLes données de référence sont mises "
                 "à disposition.\n\n", ""),
        "Projet de loi",
    ).document  # fmt: skip
    diff = document_diff(old, new, provenance={"t1.c1.a1.p2": [12, 40]},
                         removed_provenance={"t1.c1.a2": [7]})  # fmt: skip
    data = write_diff_odt(
        diff,
        "Changements",
        labels={"changed": "Modifié", "removed": "Supprimé", "suggestions": "Suggestions :"},
        describe=lambda pk: f"n° {pk}",
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        body = ElementTree.fromstring(archive.read("content.xml")).find(
            f"{OFFICE}body/{OFFICE}text"
        )
    lines = []
    for element in body:
        spans = [(s.get(f"{TEXT}style-name"), s.text) for s in element.iter(f"{TEXT}span")]
        lines.append((element.tag.removeprefix(TEXT), "".join(element.itertext()), spans))
    assert lines == [
        ("p", "Changements", []),
        ("h", "Article 1er", []),
        ("p", "Modifié", []),
        ("p", "Cette publication est libre et gratuite.", [("Inserted", "libre et ")]),
        ("p", "Suggestions : n° 12, n° 40", []),
        ("h", "Article 2 – Données de référence", [("Deleted", "Données de référence")]),
        ("p", "Supprimé", []),
        ("p", "Les données de référence sont mises à disposition.",
         [("Deleted", "Les données de référence sont mises à disposition.")]),
        ("p", "Suggestions : n° 7", []),
    ]  # fmt: skip
    # The engine's reader reads the diff too: the old and new words run together.
    reading = read_odt(data)
    assert reading.document.name == "Changements"
    assert [(u.kind, u.label) for u in reading.document.articles()] == [
        ("article", "Article 1er"),
        ("article", "Article 2"),
    ]


def test_a_diff_without_labels_writes_codes():
    old = draft()
    new = read_markdown(DRAFT + "\n### Article 4\n\nLa loi entre en vigueur.\n", "Projet de loi")
    new = new.document
    data = write_diff_odt(document_diff(old, new, provenance={"t1.c2.s1.a2": ["a"]}))
    reading = read_odt(data)
    assert outline(reading.document) == [
        ("a1", "article", "Article 4", "", ""),
        ("a1.p1", "paragraph", "", "", "added"),
        ("a1.p2", "paragraph", "", "", "La loi entre en vigueur."),
        ("a1.p3", "paragraph", "", "", "suggestions: a"),
    ]
