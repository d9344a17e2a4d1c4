"""The organiser's import form: a Word file goes through the platform's content check,
a file that only claims to be one is refused next to the field, the title is kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concerto.codrafting.models import TextVersion
from tests.engines.codrafting.office_files import docx_file, docx_paragraph

pytestmark = pytest.mark.django_db


def url(module) -> str:
    return f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/texte/import/"


def test_a_docx_draft_is_imported_through_the_form(client, module, organiser):
    client.force_login(organiser)
    document = docx_file([
        docx_paragraph("Article 1er", style="Heading3"),
        docx_paragraph("Les données ", "publiques sont ouvertes."),
        docx_paragraph("Article 2", style="Heading3"),
        docx_paragraph("La loi entre en vigueur."),
    ])  # fmt: skip
    upload = SimpleUploadedFile("projet.docx", document)
    response = client.post(url(module), {"name": "Projet de loi", "format": "markdown",
                                         "file": upload})  # fmt: skip
    assert response.status_code == 302
    version = TextVersion.objects.get(module=module)
    assert version.name == "Projet de loi" and version.source_format == "docx"
    assert list(version.units.filter(kind="paragraph").values_list("text", flat=True)) == [
        "Les données publiques sont ouvertes.",
        "La loi entre en vigueur.",
    ]


def test_a_web_page_named_docx_is_refused_and_the_title_kept(client, module, organiser):
    client.force_login(organiser)
    upload = SimpleUploadedFile("projet.docx", b"<!DOCTYPE html><p>Article 1er</p>")
    response = client.post(url(module), {"name": "Projet de loi", "format": "markdown",
                                         "file": upload})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Projet de loi"' in page
    assert "fr-upload-group--error" in page or "fr-input-group--error" in page
    assert not TextVersion.objects.exists()
