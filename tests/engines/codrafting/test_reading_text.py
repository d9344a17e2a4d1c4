from concerto.engines.codrafting.markdown import read_markdown
from concerto.engines.codrafting.plaintext import read_plain_text
from concerto.engines.codrafting.reading import format_of, read_draft


def outline(document):
    """(key, label, heading, text) of every unit, in reading order."""
    return [(u.key, u.label, u.heading, u.text) for u in document.flatten()]


PASTED_LAW = (
    "TITRE Ier\r\n"
    "DISPOSITIONS GÉNÉRALES\r\n"
    "\r\n"
    "Chapitre II\r\n"
    "\r\n"
    "De la neutralité\r\n"
    "Section 1\r\n"
    "Article 1er\r\n"
    "\tLes opérateurs traitent le trafic de façon égale.\r\n"
    "Ils ne peuvent\u00a0:\r\n"
    "Art. 2. – Le ministre est chargé de l'exécution de la présente loi.\r\n"
    "Article 2 bis\r\n"
    "Texte\tdu 2 bis.\r\n"
    "Article 2 ter - Entrée en vigueur\r\n"
    "La loi entre en vigueur le 1er janvier.\r\n"
)


def test_pasted_law_is_split_into_its_units_with_position_keys():
    reading = read_plain_text(PASTED_LAW)
    assert reading.ok and reading.problems == ()
    assert outline(reading.document) == [
        ("t1", "Titre Ier", "DISPOSITIONS GÉNÉRALES", ""),
        ("t1.c1", "Chapitre II", "De la neutralité", ""),
        ("t1.c1.s1", "Section 1", "", ""),
        ("t1.c1.s1.a1", "Article 1er", "", ""),
        ("t1.c1.s1.a1.p1", "", "", "Les opérateurs traitent le trafic de façon égale."),
        ("t1.c1.s1.a1.p2", "", "", "Ils ne peuvent :"),
        ("t1.c1.s1.a2", "Article 2", "", ""),
        ("t1.c1.s1.a2.p1", "", "", "Le ministre est chargé de l'exécution de la présente loi."),
        ("t1.c1.s1.a3", "Article 2 bis", "", ""),
        ("t1.c1.s1.a3.p1", "", "", "Texte du 2 bis."),
        ("t1.c1.s1.a4", "Article 2 ter", "Entrée en vigueur", ""),
        ("t1.c1.s1.a4.p1", "", "", "La loi entre en vigueur le 1er janvier."),
    ]
    document = reading.document
    assert [a.number for a in document.articles()] == ["1", "2", "2 bis", "2 ter"]
    assert document.counts() == {
        "title": 1,
        "chapter": 1,
        "section": 1,
        "article": 4,
        "paragraph": 5,
    }
    assert document.find("t1.c1.s1.a3.p1").text == "Texte du 2 bis."
    assert document.find_article("2 bis").key == "t1.c1.s1.a3"
    assert [u.line for u in document.articles()] == [8, 11, 12, 14]


def test_article_1er_and_article_premier_are_the_same_number():
    reading = read_plain_text("Article 1er\nUn.\nArticle premier\nDeux.\nArticle 2\nTrois.")
    assert [a.number for a in reading.document.articles()] == ["1", "1", "2"]
    assert [(p.code, p.line, p.detail) for p in reading.warnings] == [
        ("duplicate_article_number", 3, "1")
    ]


def test_bis_and_ter_are_distinct_from_their_base_article():
    reading = read_plain_text("Article 3\nA.\nArticle 3 bis\nB.\nArticle 3ter\nC.")
    assert reading.warnings == ()
    assert [a.label for a in reading.document.articles()] == [
        "Article 3",
        "Article 3 bis",
        "Article 3ter",
    ]


def test_empty_draft_is_a_warning_not_an_error():
    reading = read_plain_text(" \r\n\t\n")
    assert reading.ok
    assert reading.document.counts()["paragraph"] == 0
    assert reading.codes == ["empty_draft"]


def test_text_with_only_paragraphs_has_no_article():
    reading = read_plain_text("Premier alinéa.\n\nSecond alinéa.")
    assert reading.codes == ["no_article"]
    assert [u.key for u in reading.document.root_paragraphs] == ["p1", "p2"]


def test_article_without_text_is_reported_with_its_label():
    reading = read_plain_text("Article 1er\nTexte.\nArticle 2\n")
    assert [(p.code, p.line, p.detail) for p in reading.warnings] == [
        ("article_without_text", 3, "Article 2")
    ]


MARKDOWN = """# Projet de loi pour une République numérique

Exposé des motifs.

## TITRE Ier - De la circulation des données

### Chapitre Ier

Dispositions générales

#### Article 1er

Les administrations diffusent en ligne :

- 1° les documents qu'elles communiquent ;
- 2° les bases de données.

Deuxième alinéa
écrit sur deux lignes.

### Article 2 - Open data
Texte de l'article 2.
Article 3
Texte de l'article 3.

## Dispositions finales

### Entrée en vigueur

La loi entre en vigueur.

##### Note de bas de page
"""


def test_markdown_headings_by_word_and_by_level():
    reading = read_markdown(MARKDOWN)
    document = reading.document
    assert document.name == "Projet de loi pour une République numérique"
    assert outline(document) == [
        ("p1", "", "", "Exposé des motifs."),
        ("t1", "Titre Ier", "De la circulation des données", ""),
        ("t1.c1", "Chapitre Ier", "Dispositions générales", ""),
        ("t1.c1.a1", "Article 1er", "", ""),
        (
            "t1.c1.a1.p1",
            "",
            "",
            "Les administrations diffusent en ligne :\n"
            "- 1° les documents qu'elles communiquent ;\n"
            "- 2° les bases de données.",
        ),
        ("t1.c1.a1.p2", "", "", "Deuxième alinéa écrit sur deux lignes."),
        ("t1.c1.a2", "Article 2", "Open data", ""),
        ("t1.c1.a2.p1", "", "", "Texte de l'article 2."),
        ("t1.c1.a3", "Article 3", "", ""),
        ("t1.c1.a3.p1", "", "", "Texte de l'article 3."),
        ("t1.c2", "", "Dispositions finales", ""),
        ("t1.c2.a1", "", "Entrée en vigueur", ""),
        ("t1.c2.a1.p1", "", "", "La loi entre en vigueur."),
        ("t1.c2.a1.p2", "", "", "Note de bas de page"),
    ]
    assert [(p.code, p.line) for p in reading.problems] == [("heading_kept_as_paragraph", 32)]


def test_markdown_without_any_heading_is_only_paragraphs():
    reading = read_markdown("Un alinéa\nsur deux lignes.\n\n* un point\n* un autre\n")
    assert outline(reading.document) == [
        ("p1", "", "", "Un alinéa sur deux lignes."),
        ("p2", "", "", "* un point\n* un autre"),
    ]
    assert reading.codes == ["no_article"]


def test_read_draft_decodes_bytes_and_reports_the_encoding():
    text = "Article 1er\nLe préfet décide.\n"
    assert read_draft(text.encode("utf-8-sig"), "text").problems == ()
    legacy = read_draft(text.encode("cp1252"), "text")
    assert legacy.codes == ["decoded_as_windows_1252"]
    assert legacy.document.find("a1.p1").text == "Le préfet décide."


def test_bytes_that_no_encoding_reads_give_a_positioned_error():
    reading = read_draft(b"Article 1\nab\x81\x8d", "text")
    assert reading.document is None
    error = reading.errors[0]
    assert (error.code, error.line, error.column, error.detail) == ("undecodable_text", 2, 3, "12")


def test_unknown_format_and_file_extensions():
    assert read_draft("x", "rtf").codes == ["unknown_format"]
    assert read_draft("x", "docx").codes == ["not_a_zip"]
    assert [format_of(n) for n in ("a.MD", "b.txt", "c.docx", "d.odt", "e.pdf", "f")] == [
        "markdown",
        "text",
        "docx",
        "odt",
        None,
        None,
    ]


def test_markdown_with_windows_line_ends_tabs_and_bold_articles():
    reading = read_markdown(
        "**Article 1er**\r\n\tLe préfet\tdécide.\r\n\r\n__Article 2 bis__\r\nLe maire exécute.\r\n"
    )
    assert outline(reading.document) == [
        ("a1", "Article 1er", "", ""),
        ("a1.p1", "", "", "Le préfet décide."),
        ("a2", "Article 2 bis", "", ""),
        ("a2.p1", "", "", "Le maire exécute."),
    ]
    assert reading.problems == ()
