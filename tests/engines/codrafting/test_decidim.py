"""The Decidim participatory-text loader, on the fixture export and on broken ones."""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from concerto.engines.codrafting.decidim import load_decidim_text, plain_text, translated
from concerto.engines.codrafting.decidim_comments import load_decidim_comments

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "fixtures" / "imports" / "decidim_text" / "participatory_text_proposals.json"
)  # fmt: skip


@pytest.fixture
def rows():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def load(rows):
    return load_decidim_text(json.dumps(rows), "Charte")


def codes(text):
    return [(p.code, p.line, p.detail) for p in text.problems]


def test_the_parts_become_chapters_sections_articles_and_paragraphs():
    text = load_decidim_text(FIXTURE.read_bytes(), "Charte de la participation")
    assert text.problems == ()
    assert text.document.name == "Charte de la participation"
    assert text.document.counts() == {
        "title": 0, "chapter": 2, "section": 2, "article": 5, "paragraph": 6,
    }  # fmt: skip
    outline = [
        (u.key, u.label, u.heading) for u in text.document.flatten() if u.kind != "paragraph"
    ]
    assert outline == [
        ("c1", "Chapitre Ier", "Principes généraux"),
        ("c1.a1", "Article 1", ""),
        ("c1.a2", "Article 2", ""),
        ("c2", "Chapitre II", "Les outils de la participation"),
        ("c2.s1", "Section 1", "Le budget participatif"),
        ("c2.s1.a1", "Article 3", ""),
        ("c2.s1.a2", "Article 4", ""),
        ("c2.s2", "Section 2", "Les conseils de quartier"),
        ("c2.s2.a1", "Article 5", ""),
    ]
    assert {key: part.id for key, part in text.parts.items()} == {
        "c1": 201, "c1.a1": 202, "c1.a2": 203, "c2": 204, "c2.s1": 205, "c2.s1.a1": 206,
        "c2.s1.a2": 207, "c2.s2": 208, "c2.s2.a1": 209,
    }  # fmt: skip
    # French, not the English translation beside it; the article's two paragraphs.
    assert text.document.find("c1.a1.p1").text.startswith("La commune associe les habitants")
    assert [p.text for p in text.document.find("c1.a2").paragraphs] == [
        "Chaque démarche de participation précise ce qui peut encore changer et ce qui est "
        "déjà décidé.",
        "La commune répond publiquement à chaque contribution dans un délai de trois mois.",
    ]
    article_1 = text.parts["c1.a1"]
    assert (article_1.supports, article_1.endorsements, article_1.comments) == (31, 4, 5)
    assert article_1.submitted_at == datetime(2026, 3, 2, 9, tzinfo=timezone(timedelta(hours=1)))


def test_each_amendment_rewords_one_paragraph_of_its_article():
    text = load_decidim_text(FIXTURE.read_bytes())
    placed = [
        (a.proposal.id, a.article_key, a.paragraph_key, a.proposal.supports, a.proposal.withdrawn)
        for a in text.amendments
    ]
    assert placed == [
        (301, "c1.a1", "c1.a1.p1", 14, False),
        # Article 2 has two paragraphs; the amendment changes the second only.
        (302, "c1.a2", "c1.a2.p2", 6, False),
        (303, "c2.s2.a1", "c2.s2.a1.p1", 0, True),
    ]
    second = text.amendments[1]
    assert second.base_text == (
        "La commune répond publiquement à chaque contribution dans un délai de trois mois."
    )
    assert second.text == (
        "La commune répond publiquement à chaque contribution dans un délai de deux mois."
    )


def test_a_stock_export_without_levels_nor_positions_is_read_in_id_order(rows):
    for row in rows:
        row.pop("participatory_text_level", None)
        row.pop("position", None)
    rows.reverse()
    text = load(rows)
    assert text.problems == ()
    # Sub-sections cannot be told from sections: each heading is a chapter.
    assert text.document.counts()["chapter"] == 4
    assert [a.label for a in text.document.articles()] == [f"Article {n}" for n in range(1, 6)]
    assert len(text.amendments) == 3


def test_positions_order_the_parts(rows):
    rows[1]["position"], rows[2]["position"] = 2, 1  # Decidim's organiser moved them
    text = load(rows)
    assert [a.label for a in text.document.articles()][:2] == ["Article 2", "Article 1"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda rows: rows[9].update(original_proposal={"url": ".../proposals/999"}),
         [("unknown_amended_proposal", 10, "999")]),
        (lambda rows: rows[9].update(original_proposal={"title": None, "url": None}),
         [("amendment_without_target", 10, "")]),
        (lambda rows: rows[9]["original_proposal"].update(url="/proposals/201"),
         [("amended_not_article", 10, "201")]),
        (lambda rows: rows[9].update(body={"fr": rows[1]["body"]["fr"]}),
         [("amendment_unchanged", 10, "")]),
        (lambda rows: rows[3].update(participatory_text_level="chapitre"),
         [("unknown_level", 4, "chapitre")]),
        (lambda rows: rows[4].update(id=201), [("duplicate_id", 5, "201")]),
        (lambda rows: rows[5].pop("body"), [("missing_field", 6, "body")]),
        (lambda rows: rows[5].update(votes="beaucoup"), [("invalid_value", 6, "votes")]),
        (lambda rows: rows[5].update(published_at="mardi"),
         [("invalid_value", 6, "published_at")]),
        (lambda rows: rows[6].update(body={"fr": "  "}), [("article_without_text", 7, "207")]),
        (lambda rows: rows.append("texte"), [("not_an_object", 13, "")]),
    ],
)  # fmt: skip
def test_a_broken_export_gives_its_problems_and_no_text(rows, change, expected):
    change(rows)
    text = load(rows)
    assert (text.ok, text.document, text.amendments) == (False, None, ())
    assert codes(text) == expected


def test_unreadable_files():
    broken = load_decidim_text('[\n  {"id": 1,\n')
    assert [p.code for p in broken.problems] == ["invalid_json"]
    assert broken.problems[0].line == 3
    assert codes(load_decidim_text('{"id": 1}')) == [("not_a_list", 0, "")]
    assert codes(load_decidim_text(b"\xff\xfe[]")) == [("undecodable_text", 0, "0")]
    assert codes(load_decidim_text("[]")) == [("no_article", 0, "")]


def test_translations_and_html_bodies():
    assert translated({"fr": "Bonjour", "en": "Hello"}) == "Bonjour"
    assert translated({"fr": "", "en": "Hello", "machine_translations": {"fr": "Salut"}}) == (
        "Hello"
    )
    assert translated({"ca": "", "machine_translations": {"fr": "Salut"}}) == "Salut"
    assert translated(None) == ""
    assert plain_text("<p>L&#39;article</p><p>Deux<br>lignes</p>") == ("L'article\n\nDeux\nlignes")


COMMENTS = FIXTURE.parent / "participatory_text_comments.json"


def test_comments_for_or_against_are_arguments_the_others_counted():
    text = load_decidim_text(FIXTURE.read_bytes())
    read = load_decidim_comments(COMMENTS.read_bytes(), text)
    assert read.problems == ()
    assert [(c.id, c.proposal_id, c.stance) for c in read.arguments] == [
        (701, 202, "for"), (702, 202, "against"), (705, 301, "for"), (706, 302, "against"),
    ]  # fmt: skip
    assert read.arguments[2].body == (
        "Sans information, associer les habitants ne veut rien dire : bonne précision."
    )
    assert read.left_out == {"neutral": 1, "reply": 1, "on_section": 1}


def test_a_broken_comments_export_gives_its_problems():
    text = load_decidim_text(FIXTURE.read_bytes())
    rows = json.loads(COMMENTS.read_text(encoding="utf-8"))
    rows[0]["commentable_id"] = 999
    rows[1]["alignment"] = "pour"
    read = load_decidim_comments(json.dumps(rows), text)
    assert (read.arguments, read.left_out) == ((), None)
    assert codes(read) == [
        ("unknown_commented_proposal", 1, "999"),
        ("invalid_value", 2, "alignment"),
    ]
    assert codes(load_decidim_comments("{}", text)) == [("not_a_list", 0, "")]
