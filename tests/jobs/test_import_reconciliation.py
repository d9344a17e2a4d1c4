"""Issue 21: nothing lost, nothing forged. Files imported twice through their background
jobs leave every row stored exactly once, identical rows included."""

import io
import zipfile
from collections import Counter

import pytest

from concerto.jobs.models import Job, JobInput
from concerto.jobs.progress import start_job
from concerto.opendata.imports.jobs import import_platform_file
from concerto.opendata.models import ImportRun
from concerto.participation.models import Contribution
from concerto.participation.tasks import import_offline_file
from tests.factories import open_module

pytestmark = pytest.mark.django_db

CHANNELS = ["paper", "mail", "email", "meeting"]
# Few texts for many rows: a letter-writing campaign sends the same letter again and again.
TEXTS = [
    "Non à la fermeture de la gare, elle dessert trois villages.",
    "Des pistes cyclables protégées ; et des arceaux devant l'école.",
    "Plus de trains le dimanche.\nEt le soir après 21 h.",
]


def offline_rows(n: int) -> list[tuple[str, str, str]]:
    """(channel, day, text): five rows in seven are campaign letters, the others unique."""
    return [
        (CHANNELS[i % 4], f"2026-01-{1 + i % 28:02d}",
         TEXTS[i % 7 % 3] if i % 7 < 5 else f"Lettre {i}.")
        for i in range(n)
    ]  # fmt: skip


def offline_csv(rows) -> bytes:
    lines = ["channel,received_on,author,title,text,theme"]
    for channel, day, text in rows:
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append(f"{channel},{day},anonyme,,{quoted},")
    return ("\n".join(lines) + "\n").encode()


def decidim_zip(proposals: int, comments: int) -> bytes:
    proposal_lines = ["id;title/fr;body/fr;published_at;withdrawn"]
    for p in range(1, proposals + 1):
        proposal_lines.append(
            f"{p};Proposition {p};<p>Texte de la proposition {p}.</p>;2020-06-10 14:00:00 UTC;false"
        )
    comment_lines = ["id;created_at;body/fr;alignment;commentable_id;commentable_type"]
    for c in range(1, comments + 1):
        # Every third comment answers the next comment: replies before what they answer.
        if c % 3 == 0 and c < comments:
            parent, kind = c + 1, "Decidim::Comments::Comment"
        else:
            parent, kind = 1 + c % proposals, "Decidim::Proposals::Proposal"
        comment_lines.append(f"{c};2020-06-20 09:00:00 UTC;<p>Avis {c}.</p>;1;{parent};{kind}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("site-open-data-proposals.csv", "\n".join(proposal_lines) + "\n")
        archive.writestr("site-open-data-proposal_comments.csv", "\n".join(comment_lines) + "\n")
    return buffer.getvalue()


def run_offline(module, organiser, data: bytes) -> Job:
    return start_job(
        import_offline_file, owner=organiser, label="Import", upload=("cahiers.csv", data),
        module_id=module.pk, actor_id=organiser.pk,
    )  # fmt: skip


def test_the_same_10000_row_offline_file_imported_twice_stores_each_row_once():
    module, organiser = open_module("proposals")
    rows = offline_rows(10_000)
    data = offline_csv(rows)

    first = run_offline(module, organiser, data)
    second = run_offline(module, organiser, data)

    assert (first.status, first.done, first.total) == ("succeeded", 10_000, 10_000)
    assert first.message == "10000 contributions importées et publiées."
    assert second.status == "succeeded"
    assert second.message == (
        "Aucune contribution ajoutée. 10000 lignes étaient déjà importées : elles n'ont pas "
        "été ajoutées à nouveau."
    )
    stored = Contribution.objects.filter(module=module)
    assert stored.count() == 10_000
    found = Counter(
        (channel, created_at.date().isoformat(), body)
        for channel, created_at, body in stored.values_list("channel", "created_at", "body")
    )
    assert found == Counter(rows)
    assert found[("paper", "2026-01-01", TEXTS[0])] == 358  # identical letters all counted
    assert not JobInput.objects.exists()


def test_the_same_decidim_export_imported_twice_stores_each_item_once():
    module, organiser = open_module("proposals")
    data = decidim_zip(proposals=1_000, comments=600)

    def run() -> Job:
        return start_job(
            import_platform_file, owner=organiser, label="Import", upload=("export.zip", data),
            module_id=module.pk, actor_id=organiser.pk, source="decidim", encoding="utf-8",
        )  # fmt: skip

    first, second = run(), run()

    assert first.message == "1600 contributions importées."
    assert second.message == (
        "0 contribution importée. 1600 déjà importées auparavant, non ajoutées à nouveau."
    )
    runs = ImportRun.objects.order_by("pk").values_list("created", "existing", "rejected")
    assert list(runs) == [(1_600, 0, 0), (0, 1_600, 0)]
    stored = Contribution.objects.filter(module=module)
    assert Counter(stored.values_list("kind", flat=True)) == {"proposal": 1_000, "comment": 600}
    bodies = Counter(stored.values_list("body", flat=True))
    assert len(bodies) == 1_600 and set(bodies.values()) == {1}
    parents = dict(stored.filter(kind="comment").values_list("body", "parent__body"))
    assert parents["Avis 3."] == "Avis 4."
    assert parents["Avis 4."] == "Texte de la proposition 5."
    assert parents["Avis 600."] == "Texte de la proposition 601."
