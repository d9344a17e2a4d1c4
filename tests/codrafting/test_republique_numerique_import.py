"""The shared République numérique sample imported into a co-drafting module."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from concerto.codrafting.imports import DEFAULT_FOLDER, SOURCE, import_republique_numerique
from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, SuggestionAction, TextUnit, UnitKind
from concerto.participation.models import Channel, Contribution, ContributionKind
from tests.factories import UserFactory, open_module
from tests.worlds import built_once_per_module

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (DEFAULT_FOLDER / "opinions.jsonl").is_file(),
        reason=f"the shared République numérique sample is not at {DEFAULT_FOLDER}",
    ),
]

PROPOSAL = ContributionKind.PROPOSAL
ARGUMENT = ContributionKind.ARGUMENT


@pytest.fixture(scope="module")
def _imported_once(django_db_setup, django_db_blocker):
    """The sample imported once for the module's tests (4,690 records: seconds each time)."""
    with built_once_per_module(django_db_blocker):
        with django_db_blocker.unblock():
            module, organiser = open_module(
                "text", title="Projet de loi pour une République numérique"
            )
            result = import_republique_numerique(module, actor=organiser)
        yield module, organiser, result


@pytest.fixture
def imported(_imported_once, db):
    return _imported_once


def record(module, kind, source_id) -> ImportedRecord:
    return ImportedRecord.objects.select_related("unit", "contribution").get(
        module=module, source=SOURCE, source_kind=kind, source_id=source_id
    )


def stances(arguments) -> tuple[int, int]:
    return arguments.filter(stance="for").count(), arguments.filter(stance="against").count()


def test_the_governments_draft_is_version_1_published(imported):
    module, _organiser, result = imported
    assert (result.version_created, result.articles) == (True, 30)
    version = module.text_versions.get()
    assert (version.number, version.is_published, version.source_format) == (1, True, SOURCE)
    counts = {kind: version.units.filter(kind=kind).count() for kind in UnitKind.values}
    assert counts == {"title": 0, "chapter": 7, "section": 18, "article": 30, "paragraph": 30}
    first = record(module, "opinion", 61).unit
    assert (first.kind, first.label, first.key) == ("article", "Article 1", "c1.s1.a1")
    assert first.heading.startswith("Open data par défaut")
    assert record(module, "opinion", 90).unit.label == "Article 30"
    # The platform's votes on Article 1, kept as counts: no supports are invented.
    votes = first.imported_records.get(source_kind="opinion")
    assert (votes.votes_for, votes.votes_against, votes.votes_mixed) == (2237, 49, 161)


def test_every_other_opinion_is_a_new_article_suggestion(imported):
    module, organiser, result = imported
    assert result.suggestions_created == 666
    assert dict(result.by_action) == {SuggestionAction.NEW_ARTICLE: 666}
    assert result.rejected == []
    proposals = Contribution.objects.filter(module=module, kind=PROPOSAL)
    assert proposals.count() == Suggestion.objects.filter(unit__version__module=module).count()
    assert set(proposals.values_list("channel", flat=True)) == {Channel.ONLINE}
    assert set(proposals.values_list("entered_by", flat=True)) == {organiser.pk}
    assert proposals.filter(author__isnull=False).count() == 0
    assert Suggestion.objects.filter(action=SuggestionAction.REWORD).count() == 0
    # Each after the last of the draft's articles in its section.
    units = Suggestion.objects.values_list("unit__label").distinct()
    assert len(units) == 18


def test_opinion_100_with_its_arguments_after_article_25(imported):
    module, _organiser, _result = imported
    item = record(module, "opinion", 100)
    proposal = item.contribution
    assert proposal.title == "Couverture numérique des langues patrimoniales de la République"
    assert proposal.created_at.isoformat() == "2015-09-26T12:05:04+00:00"
    assert proposal.status == Contribution.Status.PUBLISHED
    suggestion = proposal.text_suggestion
    assert (suggestion.action, suggestion.unit.label, suggestion.unit.key) == (
        "new_article", "Article 25", "c5.s2.a2",
    )  # fmt: skip
    assert (item.votes_for, item.votes_against, item.votes_mixed, item.votes_total) == (
        25, 72, 9, 106,
    )  # fmt: skip
    arguments = proposal.children.filter(kind=ARGUMENT)
    assert arguments.filter(stance="for").count() == 4
    assert arguments.filter(stance="against").count() == 7
    for_ids = sorted(
        ImportedRecord.objects.filter(contribution__in=arguments.filter(stance="for")).values_list(
            "source_id", flat=True
        )
    )
    assert for_ids == [282, 1985, 3674, 4732]
    assert arguments.get(imported_record__source_id=4732).body == (
        "Oui mais toujours avec une traduction française !"
    )


def test_opinion_101_after_article_23(imported):
    module, _organiser, _result = imported
    proposal = record(module, "opinion", 101).contribution
    assert proposal.title == "Droit à l'internet"
    assert proposal.text_suggestion.unit.label == "Article 23"
    arguments = proposal.children.filter(kind=ARGUMENT)
    assert (arguments.filter(stance="for").count(), arguments.filter(stance="against").count()) == (
        15, 8,
    )  # fmt: skip


def test_arguments_on_the_draft_are_tied_to_their_article(imported):
    module, _organiser, result = imported
    assert result.arguments_created == 3994
    arguments = Contribution.objects.filter(module=module, kind=ARGUMENT)
    on_proposals = arguments.filter(parent__isnull=False)
    assert stances(on_proposals) == (1504, 1394)
    on_articles = arguments.filter(parent__isnull=True)
    assert stances(on_articles) == (456, 640)
    # Article 1's: on its unit, through their records.
    article_1 = TextUnit.objects.get(version__module=module, label="Article 1")
    records = article_1.imported_records.filter(source_kind="argument")
    assert records.filter(contribution__stance="for").count() == 50
    assert records.filter(contribution__stance="against").count() == 45
    assert records.filter(contribution__parent__isnull=False).count() == 0


def test_trashed_opinions_are_hidden_with_their_arguments(imported):
    module, _organiser, result = imported
    assert result.hidden == 4 + 6
    hidden = Contribution.objects.filter(module=module, status=Contribution.Status.HIDDEN)
    assert sorted(
        hidden.filter(kind=PROPOSAL).values_list("imported_record__source_id", flat=True)
    ) == [154, 374, 413, 414]
    assert hidden.filter(kind=ARGUMENT).count() == 6
    assert set(hidden.filter(kind=ARGUMENT).values_list("parent__status", flat=True)) == {"hidden"}
    assert record(module, "opinion", 154).trashed
    # Nothing is skipped: every opinion and argument has its record.
    assert ImportedRecord.objects.filter(module=module).count() == 696 + 3994


def test_importing_twice_adds_nothing(imported):
    module, organiser, _result = imported
    before = (
        Contribution.objects.filter(module=module).count(),
        Suggestion.objects.count(),
        ImportedRecord.objects.count(),
        TextUnit.objects.filter(version__module=module).count(),
    )
    again = import_republique_numerique(module, actor=organiser)
    assert (again.version_created, again.suggestions_created, again.arguments_created) == (
        False, 0, 0,
    )  # fmt: skip
    assert (again.records_created, again.contributions_existing) == (0, 666 + 3994)
    assert module.text_versions.count() == 1
    after = (
        Contribution.objects.filter(module=module).count(),
        Suggestion.objects.count(),
        ImportedRecord.objects.count(),
        TextUnit.objects.filter(version__module=module).count(),
    )
    assert after == before == (4660, 666, 4690, 85)


def test_only_an_organiser_imports(db):
    module, _organiser = open_module("text")
    with pytest.raises(PermissionDenied):
        import_republique_numerique(module, actor=UserFactory())
    assert not module.text_versions.exists()


def test_the_command_prints_its_counts(db):
    module, _organiser = open_module("text")
    out = StringIO()
    call_command("import_republique_numerique", "--module", str(module.pk), stdout=out)
    text = out.getvalue()
    assert "Version 1: 30 articles (created)" in text
    assert "Suggestions created: 666 (new_article: 666)" in text
    assert "Arguments created: 3994" in text
    assert "Hidden (trashed on the platform): 10" in text


def test_the_article_page_shows_the_old_platforms_votes_and_arguments(imported, client):
    module, _organiser, _result = imported
    article_1 = TextUnit.objects.get(version__module=module, label="Article 1")
    url = f"/dispositifs/{module.process.slug}/texte/{module.pk}/articles/{article_1.pk}/"
    page = client.get(url).content.decode()
    assert "2\u202f447 votes : 2\u202f237 d'accord, 49 pas d'accord, 161 mitigés." in page
    assert "95 arguments sur cet article (les 50 premiers)" in page
    suggestion = record(module, "opinion", 100).contribution
    url = f"/dispositifs/{module.process.slug}/texte/{module.pk}/suggestions/{suggestion.pk}/"
    page = client.get(url).content.decode()
    assert (
        "106 votes sur l'ancienne plateforme de consultation : 25 d'accord, 72 pas d'accord, "
        "9 mitigés." in page
    )
