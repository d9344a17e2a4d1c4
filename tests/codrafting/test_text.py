"""The organiser's text: import, correct, publish, next version with provenance, diff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.codrafting import actions
from concerto.codrafting.changes import version_changes
from concerto.codrafting.models import TextUnit, TextVersion
from tests.codrafting.conftest import DRAFT, key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_markdown_draft_is_split_into_chapters_articles_and_paragraphs(module, organiser):
    version, reading = actions.import_draft(
        module, actor=organiser, data=DRAFT, format="markdown", name="Projet de loi"
    )
    assert reading.warnings == ()
    rows = list(version.units.order_by("position"))
    assert [(u.kind, u.label, u.key) for u in rows if u.kind != "paragraph"] == [
        ("title", "", "t1"),
        ("chapter", "Chapitre Ier", "t1.c1"),
        ("article", "Article 1er", "t1.c1.a1"),
        ("article", "Article 2", "t1.c1.a2"),
        ("chapter", "Chapitre II", "t1.c2"),
        ("article", "Article 3", "t1.c2.a1"),
        ("article", "Article 4", "t1.c2.a2"),
        ("article", "Article 5", "t1.c2.a3"),
    ]
    first = rows[2]
    assert [p.text for p in first.children.order_by("position")] == [
        "Les administrations publient en ligne les documents qu'elles communiquent.",
        "Cette publication est gratuite.",
    ]
    assert version.number == 1 and version.published_at is None


def test_only_the_organiser_imports_and_a_published_text_is_not_replaced(module, organiser):
    with pytest.raises(PermissionDenied):
        actions.import_draft(module, actor=UserFactory(), data=DRAFT, format="markdown")
    assert not TextVersion.objects.exists()
    version, _reading = actions.import_draft(module, actor=organiser, data=DRAFT, format="markdown")
    actions.publish_version(version, actor=organiser)
    with pytest.raises(ValidationError):
        actions.import_draft(
            module, actor=organiser, data="### Article 1\n\nAutre.", format="markdown"
        )
    assert list(TextVersion.objects.values_list("number", flat=True)) == [1]
    assert TextUnit.objects.filter(kind="article").count() == 5


def test_an_unreadable_file_says_why_and_stores_nothing(module, organiser):
    with pytest.raises(actions.DraftUnreadable) as error:
        actions.import_draft(module, actor=organiser, data=b"pas un zip", format="docx")
    assert error.value.reading.codes == ["not_a_zip"]
    assert not TextVersion.objects.exists()


def test_a_closed_paragraph_needs_its_reason(module, organiser):
    version, _reading = actions.import_draft(module, actor=organiser, data=DRAFT, format="markdown")
    paragraph = version.units.filter(kind="paragraph").first()
    with pytest.raises(ValidationError) as error:
        actions.update_unit(paragraph, actor=organiser, heading="", text=paragraph.text, open=False)
    assert "closed_reason" in error.value.message_dict
    actions.update_unit(paragraph, actor=organiser, heading="", text=paragraph.text, open=False,
                        closed_reason="Imposé par la directive 2019/1024.")  # fmt: skip
    paragraph.refresh_from_db()
    assert (paragraph.open, paragraph.closed_reason) == (
        False,
        "Imposé par la directive 2019/1024.",
    )


def test_version_two_names_the_suggestions_each_change_comes_from(published, organiser, citizens):
    alice, bruno = citizens
    article_2 = published.units.get(label="Article 2")
    paragraph = article_2.children.get()
    wording, _ = actions.suggest_rewording(
        paragraph, author=alice, idempotency_key=key(),
        text="Les données de référence sont mises à disposition gratuitement.",
    )  # fmt: skip
    new_article, _ = actions.suggest_article(
        article_2, author=bruno, heading="Données d'intérêt général", idempotency_key=key(),
        text="Les concessionnaires publient leurs données.",
    )  # fmt: skip
    draft = actions.start_version(published.module, actor=organiser)
    assert draft.number == 2 and draft.units.count() == published.units.count()
    revised = draft.units.get(origin=paragraph)
    actions.update_unit(
        revised, actor=organiser, heading="", open=True,
        text="Les données de référence sont mises à disposition gratuitement et librement.",
        sources=[wording.pk],
    )  # fmt: skip
    actions.add_article(
        draft, actor=organiser, after=draft.units.get(origin=article_2), label="Article 2 bis",
        heading="Données d'intérêt général", text="Les concessionnaires publient leurs données.",
        sources=[new_article.pk],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        actions.publish_version(draft, actor=organiser)  # a second version says what changed
    actions.publish_version(draft, actor=organiser, note="Deux suggestions retenues.")
    changes = version_changes(published, draft)
    assert [(c.status, c.label, [s.pk for s in c.suggestions], c.authors) for c in changes] == [
        ("changed", "Article 2", [wording.pk], 1),
        ("added", "Article 2 bis", [new_article.pk], 1),
    ]
    assert changes[0].paragraphs[0] == (
        "changed",
        'Les données de référence sont mises à disposition<ins><span class="fr-sr-only">'
        '[ajouté : </span> gratuitement et librement<span class="fr-sr-only">]</span></ins>.',
    )
    keys = list(
        draft.units.filter(kind="article").order_by("position").values_list("key", flat=True)
    )
    assert keys == ["t1.c1.a1", "t1.c1.a2", "t1.c1.a3", "t1.c2.a1", "t1.c2.a2", "t1.c2.a3"]


def test_an_answer_status_removed_by_the_administrators_is_a_form_error(published, citizens):
    from concerto.followup.models import Answer, AnswerStatus
    from concerto.processes.lifecycle import Status

    suggestion, _ = actions.suggest_rewording(
        published.units.filter(kind="paragraph").first(), author=citizens[0],
        text="Une autre rédaction.", idempotency_key=key(),
    )  # fmt: skip
    process = published.module.process
    process.status = Status.CLOSED
    process.save(update_fields=["status"])
    AnswerStatus.objects.filter(code="partly-retained").delete()
    with pytest.raises(ValidationError) as error:
        actions.answer_suggestion(
            suggestion, actor=process.project_lead, decision="accepted_with_changes", text="Oui."
        )
    assert "decision" in error.value.message_dict
    assert not Answer.objects.exists()
