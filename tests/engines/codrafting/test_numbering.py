import pytest

from concerto.engines.codrafting.numbering import recognise_heading, roman_to_int


@pytest.mark.parametrize(
    ("line", "kind", "label", "number", "heading"),
    [
        ("TITRE Ier", "title", "Titre Ier", "1", ""),
        ("TITRE II : DISPOSITIONS FINALES", "title", "Titre II", "2", "DISPOSITIONS FINALES"),
        ("Titre préliminaire", "title", "Titre préliminaire", "preliminaire", ""),
        ("Chapitre II", "chapter", "Chapitre II", "2", ""),
        ("Chapitre unique", "chapter", "Chapitre unique", "unique", ""),
        ("Section 1 – De l'accès", "section", "Section 1", "1", "De l'accès"),
        ("Article 1er", "article", "Article 1er", "1", ""),
        ("Article premier", "article", "Article premier", "1", ""),
        ("ARTICLE 1ER", "article", "Article 1ER", "1", ""),
        ("TITRE IER", "title", "Titre IER", "1", ""),
        ("Art. 3", "article", "Article 3", "3", ""),
        ("Art 3", "article", "Article 3", "3", ""),
        ("Article 3 bis", "article", "Article 3 bis", "3 bis", ""),
        ("Article 3bis - Open data", "article", "Article 3bis", "3 bis", "Open data"),
        ("Article 4 ter :", "article", "Article 4 ter", "4 ter", ""),
        ("Article 2 A", "article", "Article 2 A", "2 A", ""),
        ("Article 7-1", "article", "Article 7-1", "7-1", ""),
        ("Article L. 111-2", "article", "Article L. 111-2", "L111-2", ""),
        ("Article XIV", "article", "Article XIV", "14", ""),
    ],
)
def test_unit_openings_are_recognised_with_a_normalised_number(line, kind, label, number, heading):
    recognised = recognise_heading(line)
    assert recognised is not None
    assert (recognised.kind, recognised.label, recognised.number, recognised.heading) == (
        kind,
        label,
        number,
        heading,
    )


@pytest.mark.parametrize(
    "line",
    [
        "Article 3 du code civil est abrogé.",
        "Articles 3 et 4",
        "Artisans 3",
        "Chapitre Des choses",
        "Article",
        "Le titre II est modifié :",
        "Section",
        "Chapitre dix",
        "Titre de la loi",
    ],
)
def test_running_text_is_not_a_unit(line):
    assert recognise_heading(line) is None


def test_a_heading_line_may_go_on_after_a_plain_space():
    assert recognise_heading("Article 3 Open data") is None
    heading = recognise_heading("Article 3 Open data", is_heading=True)
    assert (heading.label, heading.heading) == ("Article 3", "Open data")


def test_a_decree_article_carries_its_first_paragraph_on_its_line():
    heading = recognise_heading("Art. 2. – Le ministre est chargé de l'exécution du décret.")
    assert (heading.label, heading.number, heading.heading) == ("Article 2", "2", "")
    assert heading.text == "Le ministre est chargé de l'exécution du décret."


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("XIX", 19), ("MCMXC", 1990)])
def test_roman_numerals(numeral, value):
    assert roman_to_int(numeral) == value
