"""Every PDF the platform hands out is tagged (PDF/UA-1), in French, titled, with its
fonts embedded, and opens with the State's identity block (République française, the
motto, the issuing ministry where there is one, the date of the document).

Each kind of PDF is made through its real view and read back with the small reader of
concerto.testing.pdf: the checks are on the PDF's own structure and text.
"""

import logging
from datetime import timedelta
from html import escape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from concerto.accounts.roles import Role
from concerto.frenchdates import french_date
from concerto.testing.pdf import read_pdf, text_string
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


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


def long_date(value) -> str:
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    with translation.override("fr"):
        return french_date(value, "j F Y")


def assert_accessible(response, *, title: str, issuer: str | None, date: str, errors=()):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = read_pdf(response.content)
    catalog = pdf.catalog

    # Tagged, with a structure tree whose headings are there.
    assert pdf.get(catalog, "MarkInfo") == {"Marked": True}
    structure = pdf.structure_types()
    assert structure[0] == "Document"
    assert "H1" in structure
    # PDF/UA-1 declared in the XMP metadata.
    assert 'pdfuaid:part="1"' in pdf.xmp

    # Language and title, shown by the reader instead of the file name.
    assert text_string(catalog["Lang"]) in {"fr", "fr-FR"}
    assert text_string(pdf.info["Title"]) == title
    assert f'<rdf:li xml:lang="x-default">{escape(title, quote=False)}</rdf:li>' in pdf.xmp
    assert pdf.get(catalog, "ViewerPreferences") == {"DisplayDocTitle": True}

    # Every image (charts included) is a Figure with its alternative text.
    assert None not in pdf.figure_alts()

    # Every font is embedded.
    descriptors = pdf.font_descriptors()
    assert descriptors
    for descriptor in descriptors:
        assert {"FontFile", "FontFile2", "FontFile3"} & set(descriptor), descriptor["FontName"]

    # The State's identity block comes first in reading order (the structure tree's).
    text = " ".join(" ".join(pdf.reading_text()).split())
    assert text.startswith("RÉPUBLIQUE FRANÇAISE Liberté Égalité Fraternité")
    if issuer:
        assert issuer in text
    assert f"Date du document : {date}" in text
    assert list(errors) == []
    return text


def test_synthesis_pdf(client, weasyprint_errors):
    from concerto.analysis import actions
    from tests.analysis.test_followup_link import published_synthesis
    from tests.followup.conftest import closed_process

    closed = closed_process()
    analysis = published_synthesis(closed).analysis
    analysis.closed_questions = [
        {
            "question": "Faut-il des pistes cyclables ?",
            "position": 1,
            "total": 3,
            "rows": [
                {"choice": "Oui", "count": 2, "percent": 67},
                {"choice": "Non", "count": 1, "percent": 33},
            ],
        }
    ]
    analysis.save()
    synthesis = actions.publish_synthesis(
        analysis, actor=closed.process.project_lead, reviewed=True
    )
    response = client.get(synthesis.get_absolute_url() + "synthese.pdf")
    text = assert_accessible(
        response,
        title=f"Synthèse — {synthesis.module.title}",
        issuer=closed.process.ministry.name,
        date=long_date(synthesis.published_at),
        errors=weasyprint_errors,
    )
    assert f"Synthèse : {synthesis.module.title}" in text
    # The chart of the closed question is an image described by its alt text.
    assert read_pdf(response.content).figure_alts() == [
        "Répartition des réponses à « Faut-il des pistes cyclables ? » : voir le tableau ci-dessous"
    ]


def test_evaluation_report_pdf(weasyprint_errors):
    from concerto.evaluation import actions
    from tests.evaluation.conftest import evaluable_process
    from tests.evaluation.test_actions import JUDGEMENTS

    evaluated = evaluable_process()
    advisor = evaluated.advisor
    actions.save_report(evaluated.process, actor=advisor, summary="Bilan positif.",
                        judgements=JUDGEMENTS, expected_revision=None)  # fmt: skip
    report = actions.publish_report(evaluated.process, actor=advisor)
    client = Client()
    client.force_login(advisor)
    response = client.get(reverse("evaluation:report_pdf", args=[evaluated.process.slug]))
    assert_accessible(
        response,
        title=f"Évaluation — {evaluated.process.title}",
        issuer=evaluated.process.ministry.name,
        date=long_date(report.published_at),
        errors=weasyprint_errors,
    )


def test_annual_report_pdf(weasyprint_errors):
    from concerto.evaluation import actions
    from tests.evaluation.conftest import evaluable_process

    evaluable_process()  # figures to draw
    advisor = user_with_role(Role.CIPC_ADVISOR)
    year = timezone.localdate().year
    report = actions.publish_annual_report(actor=advisor, year=year, introduction="Une année.")
    client = Client()
    client.force_login(advisor)
    response = client.get(reverse("evaluation:annual_pdf", args=[year]))
    text = assert_accessible(
        response,
        title=f"Rapport annuel {year}",
        issuer="Centre interministériel de la participation citoyenne",
        date=long_date(report.published_at),
        errors=weasyprint_errors,
    )
    assert f"Rapport annuel {year} de la participation citoyenne" in text
    # Each chart is an image described by its alt text.
    alts = read_pdf(response.content).figure_alts()
    assert alts
    assert all(alt.startswith("Graphique en barres : ") for alt in alts)


def test_training_certificate_pdf(weasyprint_errors):
    from concerto.trainings import actions
    from concerto.trainings.certificate import certificate_number
    from concerto.trainings.models import Registration
    from tests.trainings.factories import make_session

    agent = user_with_role(Role.AGENT, first_name="Nadia", last_name="Kaci")
    session = make_session()
    actions.register(session, user=agent)
    session.starts_at = timezone.now() - timedelta(hours=4)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    actions.take_attendance(session, actor=user_with_role(Role.CIPC_ADVISOR),
                            present_ids=[agent.pk])  # fmt: skip
    registration = Registration.objects.get()
    client = Client()
    client.force_login(agent)
    response = client.get(reverse("trainings:certificate", args=[registration.pk]))
    text = assert_accessible(
        response,
        title=f"Attestation de présence {certificate_number(registration)}",
        issuer="Centre interministériel de la participation citoyenne",
        date=long_date(timezone.localdate()),
        errors=weasyprint_errors,
    )
    assert "Nadia Kaci" in text


def test_resource_sheet_pdf(weasyprint_errors):
    from tests.resources.helpers import sheet

    page = sheet()
    response = Client().get(reverse("resources:sheet_pdf", args=[page.pk]))
    assert_accessible(
        response,
        title="Définir la décision en jeu",
        issuer="Centre interministériel de la participation citoyenne",
        date=long_date(page.last_published_at),
        errors=weasyprint_errors,
    )


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
