import csv
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concerto.opinionmaps import actions
from concerto.opinionmaps.exports import RESULTS_HEADER, VOTES_HEADER, voter_id
from concerto.opinionmaps.management.commands.opinions import Command
from concerto.opinionmaps.models import Statement, Vote
from concerto.participation.models import Ban
from concerto.testing.downloads import csv_rows
from tests.charts.geometry import bad_geometry, svg_geometry
from tests.factories import UserFactory
from tests.opinionmaps.conftest import two_camps

POLIS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "polis" / "vtaiwan.uberx"


def manage_url(module, name="manage"):
    return reverse(f"opinionmaps:{name}", kwargs={"pk": module.process_id, "module_id": module.pk})


def map_url(module):
    return reverse("opinionmaps:map", kwargs={"slug": module.process.slug, "module_id": module.pk})


def test_the_map_page_says_when_there_are_too_few_votes(client, module, seeds):
    response = client.get(map_url(module))
    assert response.status_code == 200
    assert "Pas encore assez de votes pour former des groupes." in response.text


def test_the_map_page_shows_groups_as_chart_and_tables(client, module, seeds):
    two_camps(module, seeds)
    actions.recompute_map(module)
    response = client.get(map_url(module))
    assert 'role="img"' in response.text
    assert "Groupe A" in response.text and "Groupe B" in response.text
    assert "Carte calculée le" in response.text


def test_a_citizen_votes_and_sees_the_next_statement(client, module, seeds):
    citizen = UserFactory()
    client.force_login(citizen)
    page = client.get(module.get_absolute_url())
    assert seeds[0].text in page.text
    response = client.post(
        reverse("opinionmaps:vote", kwargs={"slug": module.process.slug, "module_id": module.pk}),
        {"statement": seeds[0].pk, "value": "-1"},
    )
    assert response.status_code == 302
    assert list(Vote.objects.values_list("participant_id", "value")) == [(citizen.pk, -1)]
    assert "Il vous reste 8 énoncés à voter sur 9." in client.get(module.get_absolute_url()).text


def test_a_barred_citizen_is_told_why_and_never_that_the_vote_is_closed(
    client, module, organiser, seeds
):
    citizen = UserFactory()
    Ban.objects.create(
        process=module.process, user=citizen, reason="Propos injurieux répétés.", actor=organiser
    )
    client.force_login(citizen)
    page = client.get(module.get_absolute_url()).text
    assert "Le vote est fermé." not in page
    assert "Les propositions d'énoncés sont fermées." not in page
    assert (
        "<p>La modération a suspendu votre participation à ce dispositif jusqu'à nouvel ordre. "
        "Motif : Propos injurieux répétés.</p>"
    ) in page
    assert (
        "<p>Votre participation étant suspendue, vous ne pouvez pas proposer d'énoncé.</p>" in page
    )
    assert seeds[0].text not in page  # no statement to vote on
    # Closed early, the vote is closed to everyone: that is what the page says then.
    module.closed_early_on = timezone.localdate()
    module.save(update_fields=["closed_early_on"])
    page = client.get(module.get_absolute_url()).text
    assert "<p>Le vote est fermé.</p>" in page
    assert "<p>Les propositions d'énoncés sont fermées.</p>" in page
    assert 'id="barred-notice"' not in page


def test_a_citizen_cannot_open_the_organiser_page(client, module, seeds):
    client.force_login(UserFactory())
    assert client.get(manage_url(module)).status_code == 403
    assert client.get(manage_url(module, "export_votes")).status_code == 403


def test_exports_have_exact_headers_and_rows(client, module, organiser, seeds):
    citizen = UserFactory()
    actions.cast_vote(seeds[0], user=citizen, value=Vote.AGREE)
    client.force_login(organiser)
    votes = csv_rows(client.get(manage_url(module, "export_votes")))
    assert votes[0] == VOTES_HEADER == ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
    voter = voter_id(module.process_id, citizen.pk, None)
    assert votes[1][2:] == [str(seeds[0].pk), str(voter), "1"]
    assert voter != citizen.pk and 0 < voter < 2**52  # never the account number
    results = csv_rows(client.get(manage_url(module, "export_results")))
    assert results[0] == RESULTS_HEADER == [
        "identifiant_enonce", "enonce", "statut", "groupe", "taille_groupe", "d_accord",
        "pas_d_accord", "passer", "representatif", "consensus",
    ]  # fmt: skip
    assert results[1] == [str(seeds[0].pk), seeds[0].text, "Acceptée", "Tous", "", "0", "0", "0",
                          "", ""]  # fmt: skip
    assert len(results) == 1 + len(seeds)


def test_the_organiser_accepts_a_pending_statement(client, module, organiser, seeds):
    statement, _ = actions.propose_statement(
        module, author=UserFactory(), text="Plus de bus la nuit.", idempotency_key=None
    )
    client.force_login(organiser)
    assert "Plus de bus la nuit." in client.get(manage_url(module)).text
    url = reverse(
        "opinionmaps:moderate",
        kwargs={"pk": module.process_id, "module_id": module.pk, "statement_id": statement.pk},
    )
    client.post(url, {"decision": "accept"})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.ACCEPTED


def polis_slice(tmp_path, n_comments: int = 25) -> Path:
    """The first comments of a real Polis conversation, and every vote on them."""
    with (POLIS / "comments.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keep = sorted(rows, key=lambda r: int(r["comment-id"]))[:n_comments]
    ids = {r["comment-id"] for r in keep}
    with (tmp_path / "comments.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(keep)
    with (POLIS / "votes.csv").open(encoding="utf-8", newline="") as src:
        reader = csv.DictReader(src)
        votes = [r for r in reader if r["comment-id"] in ids]
    with (tmp_path / "votes.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(votes[0]))
        writer.writeheader()
        writer.writerows(votes)
    return tmp_path


@pytest.mark.skipif(not POLIS.exists(), reason="the shared Polis data is not here")
def test_the_organiser_imports_a_polis_export(client, module, organiser, tmp_path):
    folder = polis_slice(tmp_path)
    client.force_login(organiser)
    files = {
        name: SimpleUploadedFile(f"{name}.csv", (folder / f"{name}.csv").read_bytes())
        for name in ("comments", "votes")
    }
    response = client.post(manage_url(module, "import"), files)
    assert response.status_code == 302
    assert Statement.objects.filter(module=module).count() == 25
    n_votes = Vote.objects.filter(imported_participant__isnull=False).count()
    assert n_votes > 0
    # Importing again updates in place.
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["concerto", "opinions", "import", str(folder), "--module", str(module.pk),
             "--actor", organiser.email]
        )  # fmt: skip
    assert exit_.value.code == 0
    assert Statement.objects.filter(module=module).count() == 25
    assert Vote.objects.filter(imported_participant__isnull=False).count() == n_votes
    assert not module.opinion_maps.latest().insufficient


def test_the_map_chart_draws_under_the_french_locale(client, module, seeds):
    two_camps(module, seeds)
    actions.recompute_map(module)
    html = client.get(map_url(module)).text
    assert len([v for t, n, v in svg_geometry(html) if t == "circle" and n == "cx"]) > 2
    assert bad_geometry(html) == []
