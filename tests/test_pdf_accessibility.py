"""Every PDF the platform hands out is tagged (PDF/UA-1), whatever its layout."""

import logging

import pytest

from concerto.testing.pdf import read_pdf


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def weasyprint_errors():
    """What WeasyPrint reports as errors while it renders (a missing alt, a missing
    lang...): a tagged PDF must come out without any."""
    handler = _Errors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


@pytest.mark.parametrize("stylesheet", ["analysis/print.css", "evaluation/print.css"])
def test_tables_are_tagged_wherever_pages_break(stylesheet, weasyprint_errors):
    """WeasyPrint 68.1 fails to tag a table whose caption ends a page while its rows start
    the next one: pages/pdf.css keeps them together, and no print stylesheet keeps a long
    table on one page. Tables of growing length put captions at many places on the pages
    (these ten failed both before that rule and with only the long tables let break)."""
    from concerto.downloads import render_pdf

    tables = "".join(
        f"<p>Paragraphe {n}</p><table><caption>Tableau {n}</caption>"
        '<thead><tr><th scope="col">Catégorie</th><th scope="col">Nombre</th></tr></thead><tbody>'
        + "".join(
            f'<tr><th scope="row">Ligne {row}</th><td>{row}</td></tr>' for row in range(3 * n)
        )
        + "</tbody></table>"
        for n in range(1, 11)
    )
    html = (
        '<html lang="fr"><head><title>Tableaux</title></head>'
        f"<body><h1>Tableaux</h1>{tables}</body></html>"
    )
    structure = read_pdf(render_pdf(html, stylesheet=stylesheet)).structure_types()
    assert structure.count("Caption") == 10
    # A table split across pages is one Table element per page (WeasyPrint 68.1).
    assert structure.count("Table") >= 10
    assert weasyprint_errors == []
