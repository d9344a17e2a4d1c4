"""A text module is analysed article by article, and its synthesis laid out so (issue 26)."""

from html import escape

import pytest
from django.core.exceptions import ValidationError

from concerto.analysis import actions as analysis_actions
from concerto.analysis import curation
from concerto.analysis.loading import module_inputs
from tests.codrafting.suggested import ARTICLE_3, ERASURE, OPEN_DATA, suggested_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysable():
    return suggested_text()


def test_each_contribution_belongs_to_its_article(analysable):
    published, _organiser, made, answers = analysable
    inputs = module_inputs(published.module)
    sections = dict(zip(inputs.ids, inputs.sections, strict=True))
    texts = dict(zip(inputs.ids, inputs.texts, strict=True))
    article_1 = published.units.get(label="Article 1er")
    article_3 = published.units.get(label="Article 3")
    for contribution in made["Article 1er"]:
        assert sections[contribution.pk].key == f"article:{article_1.pk}"
    for contribution in [*made["Article 3"], *answers]:
        assert sections[contribution.pk].key == f"article:{article_3.pk}"
    assert [(s.label, s.position, len(rows)) for s, rows in inputs.groups().items()] == [
        ("Article 1er", article_1.position, 6),
        (ARTICLE_3, article_3.position, 7),
    ]
    # A suggestion is read without the title the platform wrote, with its explanation.
    assert texts[made["Article 3"][2].pk] == ERASURE[2] + ". Pour les mineurs."
    assert texts[made["Article 1er"][0].pk] == OPEN_DATA[0]


def test_the_synthesis_is_laid_out_article_by_article(analysable, client):
    published, organiser, _made, _answers = analysable
    module = published.module
    analysis_actions.start_analysis(module, actor=organiser, n_themes=2)
    analysis = analysis_actions.latest_analysis(module)
    article_1 = published.units.get(label="Article 1er")
    article_3 = published.units.get(label="Article 3")
    themes = list(analysis.themes.order_by("section_position", "position"))
    assert [(t.section_label, t.label, t.size) for t in themes] == [
        ("Article 1er", "Format, ouvert, réutilisable", 4),
        ("Article 1er", "Publication, délai, mois", 2),
        (ARTICLE_3, "Mineur, données, immédiat", 5),
        (ARTICLE_3, "Frais, personnelles, personne", 2),
    ]
    assert [(t.section_key, t.section_position, t.question_id) for t in themes] == [
        (f"article:{article_1.pk}", article_1.position, None),
    ] * 2 + [(f"article:{article_3.pk}", article_3.position, None)] * 2
    # The analysts cannot merge themes of two articles.
    with pytest.raises(ValidationError) as error:
        curation.merge_themes(analysis, [themes[0], themes[-1]], actor=organiser)
    assert error.value.messages == ["Fusionnez des thèmes d'un même article du texte."]

    synthesis = analysis_actions.publish_synthesis(analysis, actor=organiser, reviewed=True)
    assert [(t.question, t.question_position, t.size) for t in synthesis.themes.all()] == [
        ("Article 1er", article_1.position, 4),
        ("Article 1er", article_1.position, 2),
        (ARTICLE_3, article_3.position, 5),
        (ARTICLE_3, article_3.position, 2),
    ]
    page = client.get(synthesis.get_absolute_url()).content.decode()
    positions = [page.index(f">{escape(label)}</h2>") for label in ("Article 1er", ARTICLE_3)]
    assert positions == sorted(positions)
    assert "Chaque article du texte est analysé à part" in page
    # The analysts' workspace shows the same sections.
    client.force_login(organiser)
    workspace = client.get(
        f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"
    ).content.decode()
    assert [
        workspace.index(f"<h3>{escape(label)}</h3>") > 0 for label in ("Article 1er", ARTICLE_3)
    ] == [True, True]
