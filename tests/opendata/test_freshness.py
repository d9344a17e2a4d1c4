"""What moderation, withdrawal, erasure and retention take away leaves the public files
within minutes, on the platform's own schedule (issue #21, finding 6)."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from concerto.dossiers.actions import review_suggestion, suggest_source
from concerto.opendata.anonymise import contribution_author_id
from concerto.opendata.freshness import refresh, stale_reason
from concerto.opendata.models import Publication
from concerto.participation.actions import hide_contribution, withdraw_contribution
from concerto.participation.models import Contribution, ContributionKind
from concerto.privacy.actions import erase_account
from concerto.scheduler.schedule import run_due as run_every_due
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db

MINUTELY = {"mailing-resume", "newsletter-editions"}


def run_due(now):
    """The due jobs other than those due at every tick (bulk e-mail resume, newsletter)."""
    return [name for name in run_every_due(now) if name not in MINUTELY]


def current_rows() -> dict[int, dict]:
    publication = Publication.objects.first()
    with default_storage.open(f"{publication.folder}/contributions.csv", "rb") as handle:
        rows = csv.DictReader(io.StringIO(handle.read().decode("utf-8")))
        return {int(row["id"]): row for row in rows}


@pytest.fixture
def published():
    """An open proposals module with two proposals, the files published by the clock."""
    module, organiser = open_module("proposals")
    author, other = UserFactory(), UserFactory()
    target, kept = (
        Contribution.objects.create(
            module=module, kind=ContributionKind.PROPOSAL, author=user, body=body
        )
        for user, body in ((author, "À retirer."), (other, "Reste."))
    )
    now = timezone.now()
    assert "opendata-refresh" in run_due(now)
    assert set(current_rows()) == {target.pk, kept.pk}
    assert current_rows()[target.pk]["auteur_pseudonyme"] == contribution_author_id(
        target, module.process_id
    )
    return now, organiser, author, target, kept


def hide(organiser, author, target):
    hide_contribution(target, actor=organiser, reason="insult")


def withdraw(organiser, author, target):
    withdraw_contribution(target, actor=author)


def erase_and_withdraw(organiser, author, target):
    erase_account(author, withdraw_open_contributions=True)


def delete(organiser, author, target):
    target.delete()


@pytest.mark.parametrize("action", [hide, withdraw, erase_and_withdraw, delete])
def test_a_contribution_taken_away_leaves_the_files_at_the_next_refresh(published, action):
    now, organiser, author, target, kept = published
    target_pk = target.pk
    action(organiser, author, target)
    # Not yet due: the files still hold it four minutes on...
    assert run_due(now + timedelta(minutes=4)) == []
    assert set(current_rows()) == {target_pk, kept.pk}
    # ...and no longer at the five-minute refresh.
    assert run_due(now + timedelta(minutes=5)) == ["opendata-refresh"]
    assert set(current_rows()) == {kept.pk}
    assert Publication.objects.count() == 2


def test_an_erased_account_loses_its_author_id_at_the_next_refresh(published):
    now, _organiser, author, target, kept = published
    erase_account(author)
    run_due(now + timedelta(minutes=5))
    rows = current_rows()
    assert set(rows) == {target.pk, kept.pk}
    assert rows[target.pk]["auteur_pseudonyme"] == ""
    assert rows[kept.pk]["auteur_pseudonyme"] != ""


def test_an_account_purged_by_retention_loses_its_author_id_the_same_day(published):
    now, _organiser, author, target, _kept = published
    type(author).objects.filter(pk=author.pk).update(
        last_login=now - timedelta(days=4 * 365), date_joined=now - timedelta(days=4 * 365)
    )
    # The daily tick runs retention, then the refresh that follows it.
    assert run_due(now + timedelta(days=1))[:2] == ["privacy-retention", "opendata-refresh"]
    assert current_rows()[target.pk]["auteur_pseudonyme"] == ""


def test_unchanged_files_are_not_written_again_until_the_next_day(published):
    now, _organiser, _author, target, kept = published
    # A new contribution waits for the daily publication.
    Contribution.objects.create(
        module=target.module, kind=ContributionKind.PROPOSAL, author=UserFactory(), body="Neuf."
    )
    publication = Publication.objects.get()
    assert stale_reason(publication, timezone.now()) == ""
    assert refresh() is None
    assert run_due(now + timedelta(minutes=5)) == ["opendata-refresh"]
    assert Publication.objects.get() == publication
    assert stale_reason(publication, publication.generated_at + timedelta(days=1)) == (
        "publication du jour"
    )


def test_a_suggested_source_reaches_the_files_only_once_accepted(published):
    now, organiser, author, target, kept = published
    dossier, _ = open_module("dossier", process=target.module.process, title="Dossier")
    suggestion, _created = suggest_source(
        dossier, author=author, title="Étude", url="", why="Elle manque.", idempotency_key=None
    )
    assert run_due(now + timedelta(minutes=5)) == ["opendata-refresh"]
    assert set(current_rows()) == {target.pk, kept.pk}
    review_suggestion(suggestion, actor=organiser, decision="accepted")
    assert run_due(now + timedelta(minutes=10)) == ["opendata-refresh"]
    assert set(current_rows()) == {target.pk, kept.pk, suggestion.pk}
