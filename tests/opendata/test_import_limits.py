"""Issue 21, finding 4: an export is checked before it is unpacked, read through bounded
streams, and its reply chains are checked in linear time."""

import io
import time
import zipfile

import pytest

from concerto.opendata.imports import capcollectif, common, decidim
from concerto.opendata.imports.actions import import_contributions
from concerto.opendata.imports.parsed import Item, ParsedImport
from concerto.opendata.imports.report import ImportReport
from concerto.participation.models import Contribution
from tests.factories import open_module

pytestmark = pytest.mark.django_db

PROPOSALS = "export-open-data-proposals.csv"
COMMENTS = "export-open-data-proposal_comments.csv"
PROPOSAL_HEADER = "id;title/fr;body/fr;published_at\n"
COMMENT_HEADER = "id;created_at;body/fr;commentable_id;commentable_type\n"


def archive(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in files.items():
            zipped.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(monkeypatch):
    row = "1;Titre;<p>Texte</p>;2020-06-10 14:00:00 UTC\n"
    bomb = archive({PROPOSALS: (PROPOSAL_HEADER + row + " " * 20_000_000).encode()})
    assert len(bomb) < 100_000
    unpacked = []
    monkeypatch.setattr(decidim, "_read_member", lambda *args: unpacked.append(args))

    report = decidim.parse(bomb).report

    assert report.refused
    assert report.warnings == [
        "export-open-data-proposals.csv est compressé plus de 100 fois, la limite d'un "
        "import : l'archive est refusée."
    ]
    assert unpacked == []


def test_files_that_would_unpack_past_the_limit_are_refused_naming_it(monkeypatch):
    monkeypatch.setattr(common, "MAX_UNPACKED_SIZE", 1024)
    rows = "".join(f"{n};Titre {n};<p>Texte {n}</p>;2020-06-10\n" for n in range(100))
    parsed = decidim.parse(archive({PROPOSALS: (PROPOSAL_HEADER + rows).encode()}))
    assert parsed.report.warnings == [
        "Une fois décompressés, les fichiers à importer dépasseraient 1 ko, la limite d'un "
        "import : découpez l'export."
    ]
    assert parsed.items == []


def test_a_file_larger_than_its_declared_size_is_cut_off_and_refused():
    rows = "".join(f"{n};Titre {n};<p>Texte {n}</p>;2020-06-10\n" for n in range(50))
    data = bytearray(archive({PROPOSALS: (PROPOSAL_HEADER + rows).encode()}))
    # Make the central directory announce 100 bytes: the stream stops there.
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    directory = data.rindex(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (100).to_bytes(4, "little")
    assert info.file_size > 100

    parsed = decidim.parse(bytes(data))

    assert parsed.report.refused
    assert parsed.report.warnings[-1] in {
        "export-open-data-proposals.csv est plus grand que sa taille annoncée dans "
        "l'archive : l'archive est refusée.",
        "export-open-data-proposals.csv : fichier illisible dans l'archive.",
    }


def test_more_rows_than_the_limit_across_files_are_refused(monkeypatch):
    monkeypatch.setattr(common, "MAX_ROWS", 3)
    proposals = PROPOSAL_HEADER + "1;A;<p>Un</p>;2020-06-10\n2;B;<p>Deux</p>;2020-06-10\n"
    comments = COMMENT_HEADER + "".join(
        f"{n};2020-06-11;<p>Oui</p>;1;Decidim::Proposals::Proposal\n" for n in (10, 11)
    )
    parsed = decidim.parse(archive({PROPOSALS: proposals.encode(), COMMENTS: comments.encode()}))
    assert parsed.report.warnings == [
        "Les fichiers de l'archive comptent plus de 3 lignes, la limite d'un import : "
        "découpez l'export."
    ]
    assert parsed.items == []


def test_a_row_with_a_wrong_number_of_fields_refuses_the_whole_archive():
    module, organiser = open_module("proposals")
    proposals = PROPOSAL_HEADER + "1;A;<p>Un</p>;2020-06-10\n2;B;<p>Deux; trois</p>;2020-06-10\n"
    parsed = decidim.parse(archive({PROPOSALS: proposals.encode()}))
    report = import_contributions(module, actor=organiser, parsed=parsed)
    assert report.lines() == [
        "Aucune contribution n'a été importée.",
        "Encodage lu : UTF-8.",
        "1 ligne mal formée : rien n'a été importé. Corrigez-la ou exportez à nouveau les données.",
        "Lignes non importées (1) :",
        "  - export-open-data-proposals.csv:3 : 4 colonnes attendues, 5 trouvées (un "
        "point-virgule dans un texte doit être entre guillemets).",
    ]
    assert not Contribution.objects.exists()


def test_reply_chains_are_checked_in_linear_time_parents_first():
    """20,000 replies, each answering the next one: the former pass-after-pass check took
    minutes; every item is kept, parents before replies."""
    n = 20_000
    items = [
        Item(f"comment:{i}", "comment", "Oui.", parent_source_id=f"comment:{i + 1}")
        for i in range(n)
    ]
    items[-1].parent_source_id = "proposal:1"
    items.append(Item("proposal:1", "proposal", "Une idée."))
    items.append(Item("comment:loop-a", "comment", "A", parent_source_id="comment:loop-b"))
    items.append(Item("comment:loop-b", "comment", "B", parent_source_id="comment:loop-a"))
    items.append(Item("comment:orphan", "comment", "?", parent_source_id="proposal:404"))
    parsed = ParsedImport(ImportReport(source="decidim"), items)

    started = time.perf_counter()
    decidim._check_parents(parsed)
    elapsed = time.perf_counter() - started

    assert elapsed < 5
    assert [item.source_id for item in parsed.items[:3]] == [
        "proposal:1", f"comment:{n - 1}", f"comment:{n - 2}",
    ]  # fmt: skip
    assert len(parsed.items) == n + 1
    assert len(parsed.report.rows_rejected) == 3


def test_identical_answers_on_rows_without_an_identifier_are_each_imported():
    """Issue 21, finding 2, for Cap Collectif files without an id column."""
    module, organiser = open_module("questionnaire")
    data = "createdAt;Que proposez-vous ?\n" + "2019-02-01;Plus de bus.\n" * 3
    report = import_contributions(
        module, actor=organiser, parsed=capcollectif.parse(data.encode("cp1252"))
    )
    assert (report.created, report.existing) == (3, 0)
    again = import_contributions(
        module, actor=organiser, parsed=capcollectif.parse(data.encode("cp1252"))
    )
    assert (again.created, again.existing) == (0, 3)
    assert Contribution.objects.filter(body="Plus de bus.").count() == 3
