import pytest

from concerto.resources.search import search, search_faq
from concerto.resources.stemming import french_stems
from tests.resources.helpers import capsule, chapter, faq_entry, sheet

pytestmark = pytest.mark.django_db


def test_stems_fold_accents_and_inflections():
    assert french_stems("Évaluations") == french_stems("evaluation")
    assert french_stems("concertations") == french_stems("concertation")
    assert french_stems("le la des") == ""


def test_search_finds_inflected_and_unaccented_words_across_sources():
    guide_chapter = chapter()
    sheet(
        guide_chapter,
        title="Évaluer la démarche",
        slug="evaluer",
        body="<p>Prévoir l'évaluation dès le cadrage.</p>",
    )
    faq_entry("Faut-il une évaluation externe ?", "<p>Elle est recommandée.</p>")
    capsule(transcript="Les évaluations sont publiées.")

    results = search("evaluations")

    assert [(r.kind, r.title) for r in results] == [
        ("Fiche pratique", "Évaluer la démarche"),
        ("Question fréquente", "Faut-il une évaluation externe ?"),
        ("Capsule vidéo", "Le devoir de suite en quatre minutes"),
    ]


def test_title_matches_rank_before_text_matches():
    guide_chapter = chapter()
    sheet(
        guide_chapter,
        title="Informer les participants",
        slug="a",
        body="<p>Le tirage au sort se prépare.</p>",
    )
    sheet(guide_chapter, title="Réussir un tirage au sort", slug="b", body="<p>Les quotas.</p>")

    assert [r.title for r in search("tirage au sort")] == [
        "Réussir un tirage au sort",
        "Informer les participants",
    ]


def test_search_includes_published_trainings_only():
    from concerto.trainings.models import Training

    Training.objects.create(
        title="Animer un atelier délibératif",
        slug="atelier",
        description="Les ateliers.",
        duration_hours=7,
    )
    Training.objects.create(
        title="Atelier en préparation",
        slug="brouillon",
        description="Les ateliers.",
        duration_hours=7,
        is_published=False,
    )

    results = search("ateliers")

    assert [(r.kind, r.title, r.url) for r in results] == [
        ("Formation", "Animer un atelier délibératif", "/formations/atelier/")
    ]


def test_unpublished_pages_and_empty_queries_find_nothing():
    draft = sheet(title="Fiche secrète", slug="secrete")
    draft.unpublish()

    assert search("secrète") == []
    assert search("   ") == []
    assert search("le la") == []


def test_faq_search_only_returns_faq_entries():
    sheet(title="Saisir le CIPC", slug="saisir")
    faq_entry("Quand dois-je saisir le CIPC ?")

    assert [r.title for r in search_faq("saisir")] == ["Quand dois-je saisir le CIPC ?"]


def test_excerpts_keep_the_words_of_neighbouring_blocks_apart():
    sheet(
        chapter(),
        title="Tirer au sort",
        slug="tirer",
        summary="Un panel.",
        body="<h2>Les étapes</h2><p>Définir la population</p><ul><li>Tirer</li></ul>",
    )
    (result,) = search("population")
    assert "Les étapes Définir la population Tirer" in result.excerpt
    assert "étapesDéfinir" not in result.excerpt
