"""Upload checks: what a file really is decides, not its name; served files never run."""

import importlib
import io
import pkgutil
import re
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

import concerto
from concerto.meetings.actions import save_report
from concerto.participation.models import Contribution
from concerto.uploads import sniffing
from concerto.uploads.fields import UploadField
from concerto.uploads.validators import MESSAGES, UploadValidator, format_size
from tests.factories import PASSWORD, open_module
from tests.meetings.helpers import meetings_module, schedule

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb4"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
SVG_WITH_PROLOG = b'<?xml version="1.0"?>\n' + SVG

EXECUTABLE_MESSAGE = "Ce fichier est un programme exécutable : il est refusé."
MARKUP_MESSAGE = (
    "Ce fichier est une page web (HTML) ou une image SVG, qui peut contenir du script : "
    "il est refusé."
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office(main_type: str) -> bytes:
    types = (
        '<?xml version="1.0"?><Types><Override PartName="/main.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.{main_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types.encode(), "main.xml": b"<x/>"})


ODT = zip_bytes(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
)
DOCX = office("wordprocessingml.document.main+xml")
XLSX = office("spreadsheetml.sheet.main+xml")
ZIP = zip_bytes({"contributions.csv": b"id,titre\n1,Pistes cyclables\n"})

ACCEPTED = [
    ("rapport.pdf", PDF, "pdf"),
    ("photo.png", PNG, "png"),
    ("photo.jpg", JPEG, "jpeg"),
    ("photo.jpeg", JPEG, "jpeg"),
    ("photo.webp", WEBP, "webp"),
    ("vivier.csv", "id,nom\n1,Zoé Müller\n".encode(), "text"),
    ("vivier-bom.csv", "\ufeffid,nom\n1,Zoé\n".encode(), "text"),
    ("export-cap-collectif.csv", "id;réponse\n1;Très bien\n".encode("iso-8859-1"), "text"),
    ("notes.txt", b"Compte rendu\r\nde la reunion\r\n", "text"),
    ("sous-titres.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour <b>\n", "vtt"),
    ("sous-titres.srt", b"1\n00:00:00,000 --> 00:00:02,000\nBonjour\n", "text"),
    ("decidim.zip", ZIP, "zip"),
    ("compte-rendu.odt", ODT, "odt"),
    ("compte-rendu.docx", DOCX, "docx"),
    ("tableau.xlsx", XLSX, "xlsx"),
    ("video.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "mp4"),
    ("video.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", "webm"),
]
ALL_EXTENSIONS = sorted(sniffing.EXTENSION_KINDS)


class UploadForm(forms.Form):
    name = forms.CharField()
    file = UploadField(extensions=ALL_EXTENSIONS)


def submit(name: str, content: bytes, form_class=UploadForm, **data) -> forms.Form:
    form = form_class(
        {"name": "Consultation vélo", **data}, {"file": SimpleUploadedFile(name, content)}
    )
    form.is_valid()
    return form


@pytest.mark.parametrize(("name", "content", "kind"), ACCEPTED)
def test_each_accepted_type_passes_and_is_sniffed_from_its_content(name, content, kind):
    form = submit(name, content)

    assert form.errors == {}
    upload = form.cleaned_data["file"]
    assert upload.sniffed_kind == kind
    # The view reads the file from its start.
    assert upload.tell() == 0
    assert upload.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", EXE, EXECUTABLE_MESSAGE),
        ("vivier.csv", EXE, EXECUTABLE_MESSAGE),
        ("script.txt", b"#!/bin/sh\nrm -rf /\n", EXECUTABLE_MESSAGE),
        ("programme.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, EXECUTABLE_MESSAGE),
        ("vivier.csv", HTML, MARKUP_MESSAGE),
        ("vivier.csv", b"\xef\xbb\xbf  <html><body>Bonjour</body></html>", MARKUP_MESSAGE),
        ("logo.png", SVG, MARKUP_MESSAGE),
        ("logo.txt", SVG_WITH_PROLOG, MARKUP_MESSAGE),
        ("notes.txt", "<!DOCTYPE html><p>x</p>".encode("utf-16"), MARKUP_MESSAGE),
    ],
)
def test_programs_web_pages_and_svg_are_refused_whatever_their_name(name, content, message):
    form = submit(name, content)

    assert form.errors == {"file": [message]}
    # Nothing typed is lost: the other values stay in the re-rendered form.
    assert form["name"].value() == "Consultation vélo"
    assert form.cleaned_data == {"name": "Consultation vélo"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", PNG, "Le contenu de ce fichier ne correspond pas à son extension "
         "« .pdf » : déposez un vrai fichier PDF."),
        ("photo.png", JPEG, "Le contenu de ce fichier ne correspond pas à son extension "
         "« .png » : déposez un vrai fichier PNG."),
        ("compte-rendu.odt", DOCX, "Le contenu de ce fichier ne correspond pas à son extension "
         "« .odt » : déposez un vrai fichier ODT."),
        ("vivier.csv", ZIP, "Le contenu de ce fichier ne correspond pas à son extension "
         "« .csv » : déposez un vrai fichier CSV."),
        ("vivier.csv", b"id,nom\x00\x01\x02\n", "Le contenu de ce fichier n'est pas reconnu : "
         "enregistrez-le au format « csv » (texte en UTF-8 ou ISO-8859-1 pour un fichier CSV) et "
         "déposez-le à nouveau."),
        ("archive.zip", b"PK\x03\x04 truncated", "Le contenu de ce fichier n'est pas reconnu : "
         "enregistrez-le au format « zip » (texte en UTF-8 ou ISO-8859-1 pour un fichier CSV) et "
         "déposez-le à nouveau."),
    ],
)  # fmt: skip
def test_a_content_that_does_not_match_its_extension_is_refused(name, content, message):
    assert submit(name, content).errors == {"file": [message]}


def test_an_extension_that_is_not_accepted_is_refused_with_the_accepted_list():
    class CsvOnly(forms.Form):
        name = forms.CharField()
        file = UploadField(extensions=["csv"])

    form = submit("page.html", HTML, CsvOnly)

    assert form.errors == {
        "file": [
            "L'extension de fichier «\xa0html\xa0» n’est pas autorisée. Les extensions "
            "autorisées sont\xa0:  csv."
        ]
    }


def test_an_oversized_file_is_refused_before_its_content_is_read(settings):
    settings.UPLOAD_MAX_SIZES = {**settings.UPLOAD_MAX_SIZES, "text": 1024 * 1024}
    content = b"id,titre\n" + b"1,Pistes cyclables\n" * 60_000

    form = submit("vivier.csv", content)

    assert form.errors == {"file": ["Le fichier dépasse 1 Mo : réduisez-le ou découpez-le."]}
    # Exactly at the limit, it passes.
    assert submit("vivier.csv", content[: 1024 * 1024]).errors == {}


def test_a_form_may_set_its_own_size_limit():
    class Small(forms.Form):
        name = forms.CharField()
        file = UploadField(extensions=["pdf"], max_size=1536 * 1024)

    form = submit("rapport.pdf", PDF + b"0" * 1600 * 1024, Small)

    assert form.errors == {"file": ["Le fichier dépasse 1,5 Mo : réduisez-le ou découpez-le."]}
    assert format_size(800 * 1024) == "800 ko"


def test_the_field_offers_only_its_extensions_in_the_dsfr_upload_widget():
    field = UploadField(extensions=["csv", "txt"])

    assert field.widget.attrs == {"accept": ".csv,.txt", "class": "fr-upload"}
    assert field.widget.group_class == "fr-upload-group"


def test_every_upload_form_of_the_platform_checks_the_content():
    """A new upload form without the check fails here."""
    for module in pkgutil.walk_packages(concerto.__path__, "concerto."):
        if "migrations" not in module.name and module.name.rsplit(".", 1)[-1] in {
            "forms", "offline",
        }:  # fmt: skip
            importlib.import_module(module.name)
    unchecked, checked = [], []
    for form_class in _subclasses(forms.BaseForm):
        if not form_class.__module__.startswith("concerto."):
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.FileField):
                label = f"{form_class.__module__}.{form_class.__name__}.{name}"
                has_check = any(isinstance(v, UploadValidator) for v in field.validators)
                (checked if has_check else unchecked).append(label)
    assert unchecked == []
    assert {
        "concerto.codrafting.forms.ImportForm.file",
        "concerto.evaluation.forms.MarginsImportForm.file",
        "concerto.meetings.forms.ReportForm.report_file",
        "concerto.opendata.forms.PlatformImportForm.file",
        "concerto.opinionmaps.forms.PolisImportForm.comments",
        "concerto.opinionmaps.forms.PolisImportForm.votes",
        "concerto.panels.forms.CsvForm.file",
        "concerto.participation.offline.ImportForm.file",
    } <= set(checked)


@pytest.mark.django_db
def test_the_cms_document_form_refuses_a_web_page_named_pdf_and_accepts_a_real_pdf():
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    form_class = get_document_form(get_document_model())
    page = SimpleUploadedFile("guide.pdf", b"<!DOCTYPE html><script>alert(1)</script>")
    form = form_class(data={"title": "Guide"}, files={"file": page})
    assert not form.is_valid()
    assert form.errors["file"] == [str(MESSAGES["markup"])]
    assert get_document_model().objects.count() == 0
    real = SimpleUploadedFile("guide.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
    form = form_class(data={"title": "Guide"}, files={"file": real})
    assert form.is_valid(), form.errors


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


# Through a real upload page, and back out


@pytest.mark.django_db
def test_an_html_file_named_csv_is_refused_on_the_offline_import_page(client):
    module, organiser = open_module("proposals")
    client.login(username=organiser.email, password=PASSWORD)
    url = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/hors-ligne/import/"

    response = client.post(url, {"file": SimpleUploadedFile("cahiers.csv", HTML)})

    assert response.status_code == 200
    assert MARKUP_MESSAGE in response.content.decode().replace("&#x27;", "'")
    assert Contribution.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("compte-rendu.pdf", PDF, "application/pdf"),
        ("compte-rendu.txt", b"<html><script>alert(1)</script></html>", "application/octet-stream"),
        ("compte-rendu.txt", "Synthèse\n".encode(), "text/plain"),
    ],
)
def test_an_uploaded_file_is_served_as_a_download_that_cannot_run(
    client, name, content, content_type
):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-2)
    # Stored directly, as a file uploaded before the checks existed would be.
    upload = SimpleUploadedFile(name, content, content_type="text/html")
    save_report(meeting, actor=organiser, report="Synthèse.", report_file=upload)
    base = f"/dispositifs/{module.process.slug}/reunions/{module.pk}/"
    url = f"{base}{meeting.pk}/compte-rendu/fichier/"

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    # The storage may add a suffix to a name already taken.
    stem, extension = name.rsplit(".", 1)
    assert re.fullmatch(
        rf'attachment; filename="{stem}(_\w{{7}})?\.{extension}"', response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == content
