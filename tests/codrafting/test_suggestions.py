"""Citizens' suggestions: on open paragraphs of the version in force, once per key."""

import pytest
from django.core.exceptions import ValidationError

from concerto.codrafting import actions
from concerto.codrafting.models import Suggestion
from concerto.participation.models import Contribution
from tests.codrafting.conftest import key

pytestmark = pytest.mark.django_db


def paragraph(version, article="Article 1er", rank=0):
    return version.units.get(label=article).children.order_by("position")[rank]


def test_a_rewording_is_a_proposal_with_its_base_text_and_a_title_saying_where(published, citizens):
    alice, _ = citizens
    unit = paragraph(published, rank=1)
    contribution, created = actions.suggest_rewording(
        unit, author=alice, text="Cette publication est gratuite et ouverte.",
        explanation="Pour la réutilisation.", idempotency_key=key(),
    )  # fmt: skip
    assert created
    assert (contribution.kind, contribution.title, contribution.body) == (
        "proposal", "Article 1er, alinéa 2 : nouvelle rédaction",
        "Cette publication est gratuite et ouverte.",
    )  # fmt: skip
    row = contribution.text_suggestion
    assert (row.unit, row.action, row.base_text, row.explanation) == (
        unit, "reword", "Cette publication est gratuite.", "Pour la réutilisation.",
    )  # fmt: skip


def test_a_double_click_makes_one_suggestion(published, citizens):
    alice, _ = citizens
    same = key()
    for _ in range(2):
        actions.suggest_rewording(paragraph(published), author=alice, text="Autre texte.",
                                  idempotency_key=same)  # fmt: skip
    assert Suggestion.objects.count() == 1 and Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "field"), [("   ", "text"), ("Cette  publication est gratuite.", "text")]
)
def test_an_empty_or_unchanged_wording_is_refused(published, citizens, text, field):
    with pytest.raises(ValidationError) as error:
        actions.suggest_rewording(paragraph(published, rank=1), author=citizens[0], text=text,
                                  idempotency_key=key())  # fmt: skip
    assert field in error.value.message_dict
    assert not Contribution.objects.exists()


def test_a_closed_paragraph_and_an_old_version_take_no_suggestion(published, organiser, citizens):
    draft = actions.start_version(published.module, actor=organiser)
    with pytest.raises(ValidationError):  # not published yet
        actions.suggest_rewording(draft.units.filter(kind="paragraph").first(),
                                  author=citizens[0], text="X", idempotency_key=key())  # fmt: skip
    closed = draft.units.get(origin=paragraph(published))
    actions.update_unit(closed, actor=organiser, heading="", text=closed.text, open=False,
                        closed_reason="Engagement européen.")  # fmt: skip
    actions.publish_version(draft, actor=organiser, note="Alinéa fermé.")
    for unit in (paragraph(published), closed):  # the old version's, then the closed one
        with pytest.raises(ValidationError):
            actions.suggest_rewording(unit, author=citizens[0], text="Y", idempotency_key=key())
    assert not Contribution.objects.exists()
