"""A Decidim participatory text's export imported into a co-drafting module."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from concerto.codrafting import queries
from concerto.codrafting.imports import ImportRefused
from concerto.codrafting.imports_decidim import SOURCE, import_decidim_text
from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, SuggestionAction, TextVersion, UnitKind
from concerto.participation.models import Channel, Contribution
from tests.factories import UserFactory, open_module

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "decidim_text"
FIXTURE = FOLDER / "participatory_text_proposals.json"
COMMENTS = FOLDER / "participatory_text_comments.json"


@pytest.fixture
def module_and_organiser(db):
    return open_module("text", title="Charte de la participation citoyenne")


@pytest.fixture
def imported(module_and_organiser):
    module, organiser = module_and_organiser
    result = import_decidim_text(module, actor=organiser, data=FIXTURE.read_bytes())
    return module, organiser, result


def nothing_imported(module):
    return (
        TextVersion.objects.filter(module=module).count(),
        Contribution.objects.filter(module=module).count(),
        ImportedRecord.objects.filter(module=module).count(),
    ) == (0, 0, 0)


def test_the_text_is_version_1_published(imported):
    module, _organiser, result = imported
    assert (result.version_created, result.articles) == (True, 5)
    version = module.text_versions.get()
    assert (version.number, version.name, version.source_format, version.is_published) == (
        1, "Charte de la participation citoyenne", SOURCE, True,
    )  # fmt: skip
    counts = {kind: version.units.filter(kind=kind).count() for kind in UnitKind.values}
    assert counts == {"title": 0, "chapter": 2, "section": 2, "article": 5, "paragraph": 6}
    outline = list(
        version.units.exclude(kind=UnitKind.PARAGRAPH)
        .order_by("position")
        .values_list("key", "kind", "label", "heading", "parent__label")
    )
    assert outline == [
        ("c1", "chapter", "Chapitre Ier", "Principes généraux", None),
        ("c1.a1", "article", "Article 1", "", "Chapitre Ier"),
        ("c1.a2", "article", "Article 2", "", "Chapitre Ier"),
        ("c2", "chapter", "Chapitre II", "Les outils de la participation", None),
        ("c2.s1", "section", "Section 1", "Le budget participatif", "Chapitre II"),
        ("c2.s1.a1", "article", "Article 3", "", "Section 1"),
        ("c2.s1.a2", "article", "Article 4", "", "Section 1"),
        ("c2.s2", "section", "Section 2", "Les conseils de quartier", "Chapitre II"),
        ("c2.s2.a1", "article", "Article 5", "", "Section 2"),
    ]
    article_3 = version.units.get(key="c2.s1.a1.p1")
    assert article_3.text == (
        "Au moins 5 % du budget d'investissement de la commune est consacré chaque année "
        "à des projets proposés et choisis par les habitants."
    )
    # Each part keeps its Decidim id and supports; none is turned into supports here.
    record = ImportedRecord.objects.get(module=module, source=SOURCE, source_id=206)
    assert (record.unit.label, record.contribution, record.votes_for, record.votes_total) == (
        "Article 3", None, 42, 42,
    )  # fmt: skip
    assert ImportedRecord.objects.filter(module=module, contribution__isnull=True).count() == 9


def test_the_amendments_are_rewordings_with_their_supports(imported):
    module, organiser, result = imported
    assert (result.suggestions_created, result.withdrawn, result.records_created) == (3, 1, 12)
    assert dict(result.by_action) == {SuggestionAction.REWORD: 3}
    suggestions = Suggestion.objects.filter(unit__version__module=module).order_by("pk")
    rows = [
        (s.contribution.title, s.unit.key, s.action, s.contribution.status, s.supports_count)
        for s in suggestions
    ]
    assert rows == [
        ("Article 1, alinéa 1 : nouvelle rédaction", "c1.a1.p1", "reword", "published", 0),
        ("Article 2, alinéa 2 : nouvelle rédaction", "c1.a2.p2", "reword", "published", 0),
        ("Article 5, alinéa 1 : nouvelle rédaction", "c2.s2.a1.p1", "reword", "withdrawn", 0),
    ]
    second = suggestions[1]
    assert second.base_text == (
        "La commune répond publiquement à chaque contribution dans un délai de trois mois."
    )
    assert second.contribution.body == (
        "La commune répond publiquement à chaque contribution dans un délai de deux mois."
    )
    contribution = suggestions[0].contribution
    assert (contribution.channel, contribution.entered_by, contribution.author) == (
        Channel.ONLINE, organiser, None,
    )  # fmt: skip
    assert contribution.created_at.isoformat() == "2026-03-09T19:14:31+00:00"
    record = contribution.imported_record
    assert (record.source_id, record.unit.label, record.votes_for, record.votes_total) == (
        301, "Article 1", 14, 14,
    )  # fmt: skip


def test_importing_the_same_export_again_adds_nothing(imported):
    module, organiser, _result = imported
    again = import_decidim_text(module, actor=organiser, data=FIXTURE.read_bytes())
    assert (again.version_created, again.suggestions_created, again.records_created) == (
        False, 0, 0,
    )  # fmt: skip
    assert again.contributions_existing == 3
    assert Contribution.objects.filter(module=module).count() == 3
    assert ImportedRecord.objects.filter(module=module).count() == 12
    assert module.text_versions.count() == 1


def test_a_broken_export_imports_nothing(module_and_organiser):
    module, organiser = module_and_organiser
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    rows[10]["original_proposal"]["url"] = "https://participer.exemple.fr/proposals/999"
    with pytest.raises(ImportRefused) as refused:
        import_decidim_text(module, actor=organiser, data=json.dumps(rows))
    assert [(p.code, p.line, p.detail) for p in refused.value.problems] == [
        ("unknown_amended_proposal", 11, "999")
    ]
    assert nothing_imported(module)


def test_the_command_imports_and_says_what(module_and_organiser):
    module, organiser = module_and_organiser
    out = StringIO()
    call_command("import_decidim_text", str(FIXTURE), module=module.pk, stdout=out)
    assert out.getvalue().splitlines() == [
        "Version 1: 5 articles (created)",
        "Suggestions created: 3",
        "Arguments created: 0",
        "Comments left out: none",
        "Already imported: 0",
        "Withdrawn (on Decidim): 1",
        "Records (supports, sources) created: 12",
    ]
    assert module.text_versions.get().created_by == organiser


def test_the_command_refuses_a_bad_file_in_french(module_and_organiser, tmp_path):
    module, _organiser = module_and_organiser
    bad = tmp_path / "export.json"
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    rows[5]["participatory_text_level"] = "chapitre"
    rows[9]["body"] = rows[1]["body"]
    bad.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(bad), module=module.pk)
    assert str(error.value) == (
        "L'export export.json n'a pas été importé :\n"
        "Une proposition n'a pas de niveau de texte participatif connu (section, sub-section "
        "ou article) (chapitre), élément n° 6 de l'export.\n"
        "Un amendement ne change rien au texte de l'article, élément n° 10 de l'export."
    )
    bad.write_text('[{"id": 1,', encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(bad), module=module.pk)
    assert str(error.value) == (
        "L'export export.json n'a pas été importé :\nLe fichier n'est pas du JSON valide, ligne 1."
    )
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(tmp_path / "absent.json"), module=module.pk)
    assert str(error.value).startswith("Impossible de lire ")
    assert nothing_imported(module)


def test_a_module_with_another_text_is_left_alone(module_and_organiser):
    module, organiser = module_and_organiser
    TextVersion.objects.create(module=module, number=1, name="Autre", source_format="markdown")
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(FIXTURE), module=module.pk)
    assert str(error.value) == "Ce module a déjà un autre texte : importez dans un module vide."
    assert Contribution.objects.filter(module=module).count() == 0


def test_only_an_organiser_of_the_module_imports(module_and_organiser):
    module, _organiser = module_and_organiser
    stranger = UserFactory()
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(FIXTURE), module=module.pk, actor=stranger.email)
    assert str(error.value) == f"{stranger} does not manage module {module.pk}."
    assert nothing_imported(module)


def test_an_amendment_the_model_refuses_imports_nothing(module_and_organiser, tmp_path):
    module, _organiser = module_and_organiser
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    rows[10]["body"] = {"fr": "Un amendement bien trop long. " * 1000}
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(bad), module=module.pk)
    assert str(error.value).startswith("Amendement 302 : ")
    # The text was written before the amendments were checked: it is gone with them.
    assert nothing_imported(module)


def test_comments_for_or_against_become_arguments(module_and_organiser):
    module, organiser = module_and_organiser
    out = StringIO()
    call_command(
        "import_decidim_text", str(FIXTURE), module=module.pk, comments=str(COMMENTS), stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[2:4] == [
        "Arguments created: 4",
        "Comments left out: neutral: 1, on_section: 1, reply: 1",
    ]
    arguments = Contribution.objects.filter(module=module, kind="argument").order_by(
        "imported_record__source_id"
    )
    rows = [
        (a.imported_record.source_id, a.stance, a.parent and a.parent.imported_record.source_id,
         a.imported_record.unit.label)
        for a in arguments
    ]  # fmt: skip
    assert rows == [
        (701, "for", None, "Article 1"),
        (702, "against", None, "Article 1"),
        (705, "for", 301, "Article 1"),
        (706, "against", 302, "Article 2"),
    ]
    assert arguments[0].body == (
        "Enfin un engagement clair : trop de projets sont décidés avant toute réunion publique."
    )
    assert arguments[0].created_at.isoformat() == "2026-03-03T09:12:00+00:00"
    # The article page shows its supports on Decidim and the arguments about it (as for
    # République numérique, those on its amendment too: their records name the article).
    article_1 = module.text_versions.get().units.get(key="c1.a1")
    about = queries.imported_about(article_1)
    assert (about["record"].votes_total, about["n_arguments"]) == (31, 3)
    # Once more: nothing new.
    again = import_decidim_text(
        module, actor=organiser, data=FIXTURE.read_bytes(), comments=COMMENTS.read_bytes()
    )
    assert (again.arguments_created, again.records_created, again.contributions_existing) == (
        0, 0, 7,
    )  # fmt: skip


def test_a_broken_comments_export_imports_nothing(module_and_organiser, tmp_path):
    module, _organiser = module_and_organiser
    rows = json.loads(COMMENTS.read_text(encoding="utf-8"))
    rows[1]["commentable_id"] = 999
    del rows[2]["alignment"]
    bad = tmp_path / "commentaires.json"
    bad.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_decidim_text", str(FIXTURE), module=module.pk, comments=str(bad))
    assert str(error.value) == (
        "L'export commentaires.json n'a pas été importé :\n"
        "Un commentaire porte sur une proposition absente de l'export des propositions (999), "
        "élément n° 2 de l'export.\n"
        "Il manque un champ à un élément (alignment), élément n° 3 de l'export."
    )
    assert nothing_imported(module)


def test_the_imported_text_reads_on_its_pages(module_and_organiser, client):
    from django.urls import reverse

    module, organiser = module_and_organiser
    import_decidim_text(
        module, actor=organiser, data=FIXTURE.read_bytes(), comments=COMMENTS.read_bytes()
    )
    public = {"slug": module.process.slug, "module_id": module.pk}
    article_1 = module.text_versions.get().units.get(key="c1.a1")
    page = client.get(reverse("codrafting:article", kwargs={**public, "unit_id": article_1.pk}))
    assert page.status_code == 200
    assert "31 votes : 31 d'accord, 0 pas d'accord, 0 mitigés." in page.content.decode()
    # The withdrawn amendment is not shown, as a suggestion withdrawn here.
    statuses = []
    for suggestion in Suggestion.objects.filter(unit__version__module=module).order_by("pk"):
        url = reverse("codrafting:suggestion", kwargs={**public, "suggestion_id": suggestion.pk})
        statuses.append(client.get(url).status_code)
    assert statuses == [200, 200, 404]
    assert client.get(reverse("codrafting:module", kwargs=public)).status_code == 200
