import io
import zipfile

from concerto.engines.codrafting.docx import read_docx
from concerto.engines.codrafting.odt import read_odt
from concerto.engines.codrafting.reading import read_draft
from tests.engines.codrafting.office_files import W_NS, docx_file, docx_paragraph, odt_file


def outline(document):
    return [(u.key, u.label, u.heading, u.text) for u in document.flatten()]


def test_docx_headings_by_style_outline_level_and_word():
    data = docx_file(
        [
            docx_paragraph("Projet de décret", style="Titre"),
            docx_paragraph("Dispositions générales", style="Titre1"),
            docx_paragraph("Chapitre II – Accès", style="Heading2"),
            docx_paragraph("Article 1er"),
            # One sentence split over three runs, as Word does after a correction.
            docx_paragraph("Le pré", "fet arrê", "te les modalités."),
            docx_paragraph("Mesures d’application", outline=2),
            docx_paragraph("Art. 2 bis"),
            docx_paragraph("Ce décret entre en vigueur le 1er janvier ; à Noël."),
        ]
    )
    reading = read_draft(data, "docx")
    assert [(p.code, p.line, p.detail) for p in reading.problems] == [
        ("article_without_text", 6, "Mesures d’application")
    ]
    assert reading.document.name == "Projet de décret"
    assert outline(reading.document) == [
        ("t1", "", "Dispositions générales", ""),
        ("t1.c1", "Chapitre II", "Accès", ""),
        ("t1.c1.a1", "Article 1er", "", ""),
        ("t1.c1.a1.p1", "", "", "Le préfet arrête les modalités."),
        ("t1.c1.a2", "", "Mesures d’application", ""),
        ("t1.c1.a3", "Article 2 bis", "", ""),
        ("t1.c1.a3.p1", "", "", "Ce décret entre en vigueur le 1er janvier ; à Noël."),
    ]
    assert [unit.line for unit in reading.document.articles()] == [4, 6, 7]


def test_docx_without_styles_part_reads_the_style_ids():
    data = docx_file(
        [docx_paragraph("Titre Ier", style="Heading1"), docx_paragraph("Texte.")],
        styles=False,
    )
    reading = read_docx(data)
    assert outline(reading.document) == [("t1", "Titre Ier", "", ""), ("t1.p1", "", "", "Texte.")]
    assert reading.codes == ["no_article"]


def test_docx_tabs_breaks_tables_and_deleted_text():
    paragraph = (
        '<w:p><w:r><w:t>Premier</w:t><w:tab/><w:t xml:space="preserve">alinéa </w:t>'
        "<w:br/><w:t>suite</w:t></w:r><w:del><w:r><w:delText>supprimé</w:delText></w:r>"
        "</w:del></w:p>"
    )
    table = f"<w:tbl><w:tr><w:tc>{docx_paragraph('Cellule')}</w:tc></w:tr></w:tbl>"
    data = docx_file([docx_paragraph("Article 1"), paragraph, table])
    assert [u.text for u in read_docx(data).document.flatten()] == [
        "",
        "Premier alinéa\nsuite",
        "Cellule",
    ]


def test_docx_paragraph_holding_an_article_and_its_text_across_a_line_break():
    paragraph = (
        "<w:p><w:r><w:t>Article 3</w:t><w:br/><w:t>Le maire publie l’arrêté.</w:t></w:r></w:p>"
    )
    reading = read_docx(docx_file([paragraph]))
    assert outline(reading.document) == [
        ("a1", "Article 3", "", ""),
        ("a1.p1", "", "", "Le maire publie l’arrêté."),
    ]


def test_docx_errors_are_codes_with_positions():
    assert read_docx(b"PK not really").codes == ["not_a_zip"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    missing = read_docx(buffer.getvalue())
    assert [(p.code, p.severity, p.detail) for p in missing.problems] == [
        ("missing_part", "error", "word/document.xml")
    ]
    broken = docx_file([], document_xml=f'<w:document xmlns:w="{W_NS}">\n<w:body><w:p>\n</w:body>')
    error = read_docx(broken).errors[0]
    assert (error.code, error.line, error.column, error.detail) == (
        "invalid_xml",
        3,
        3,
        "word/document.xml",
    )
    assert read_docx(broken).document is None


ODT_BODY = (
    '<text:p text:style-name="Title">Plan climat de Lyon</text:p>'
    '<text:h text:outline-level="1">TITRE I<text:span>er</text:span></text:h>'
    '<text:h text:outline-level="2">Mobilités</text:h>'
    "<text:p>Article 1<text:span>er</text:span></text:p>"
    '<text:p>Les <text:span>véhic</text:span>ules<text:s text:c="3"/>électriques'
    "<text:note><text:note-body><text:p>Une note.</text:p></text:note-body></text:note>"
    " sont prioritaires.</text:p>"
    "<text:list><text:list-item><text:p>1° la voirie ;</text:p></text:list-item></text:list>"
    '<text:h text:outline-level="3">Article 2 – Vélos</text:h>'
    "<text:p>Pistes<text:tab/>cyclables<text:line-break/>sécurisées.</text:p>"
    "<text:p>Article 2</text:p><text:p>Doublon.</text:p>"
)


def test_odt_outline_levels_spans_spaces_and_notes():
    reading = read_odt(odt_file(ODT_BODY))
    assert reading.document.name == "Plan climat de Lyon"
    assert outline(reading.document) == [
        ("t1", "Titre Ier", "", ""),
        ("t1.c1", "", "Mobilités", ""),
        ("t1.c1.a1", "Article 1er", "", ""),
        ("t1.c1.a1.p1", "", "", "Les véhicules électriques sont prioritaires."),
        ("t1.c1.a1.p2", "", "", "1° la voirie ;"),
        ("t1.c1.a2", "Article 2", "Vélos", ""),
        ("t1.c1.a2.p1", "", "", "Pistes cyclables\nsécurisées."),
        ("t1.c1.a3", "Article 2", "", ""),
        ("t1.c1.a3.p1", "", "", "Doublon."),
    ]
    assert [(p.code, p.line, p.detail) for p in reading.warnings] == [
        ("duplicate_article_number", 9, "2")
    ]


def test_odt_errors_are_codes_with_positions():
    assert read_odt(b"").codes == ["not_a_zip"]
    broken = read_odt(odt_file("", content_xml="<office:document-content>"))
    assert [(p.code, p.line, p.column) for p in broken.problems] == [("invalid_xml", 1, 1)]
