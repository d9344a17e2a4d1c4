import pytest

from concerto.engines.codrafting.structure import Document, Unit


def paragraph(text):
    return Unit("paragraph", text=text)


def test_keys_count_each_kind_separately_among_siblings():
    document = Document.of(
        [
            paragraph("Préambule."),
            Unit(
                "chapter",
                "Chapitre Ier",
                "1",
                children=(
                    paragraph("Chapeau du chapitre."),
                    Unit("article", "Article 1er", "1", children=(paragraph("Un."),)),
                    Unit("article", "Article 2", "2", children=(paragraph("Deux."),)),
                ),
            ),
            paragraph("Annexe."),
        ],
        name="Décret",
    )
    assert [unit.key for unit in document.flatten()] == [
        "p1",
        "c1",
        "c1.p1",
        "c1.a1",
        "c1.a1.p1",
        "c1.a2",
        "c1.a2.p1",
        "p2",
    ]
    assert document.find("c1.a2.p1").text == "Deux."
    assert document.find("c1.a3") is None
    assert document.find_article("2").label == "Article 2"
    assert document.find_article("3") is None
    assert document.parent_key("c1.a2.p1") == "c1.a2"
    assert document.parent_key("c1") == ""
    assert [p.key for p in document.root_paragraphs] == ["p1", "p2"]
    assert [p.key for p in document.find("c1").paragraphs] == ["c1.p1"]
    assert document.counts() == {
        "title": 0,
        "chapter": 1,
        "section": 0,
        "article": 2,
        "paragraph": 5,
    }


def test_documents_compare_by_content_and_are_hashable():
    first = Document.of([Unit("article", "Article 1", "1")])
    assert first == Document.of([Unit("article", "Article 1", "1")])
    assert hash(first) == hash(Document.of([Unit("article", "Article 1", "1")]))


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown unit kind"):
        Unit("alinea")


def test_a_document_built_from_keyed_units_finds_them_too():
    keyed = Document.of([Unit("article", "Article 1", "1", children=(paragraph("Un."),))])
    assert Document(keyed.units).find("a1.p1").text == "Un."
