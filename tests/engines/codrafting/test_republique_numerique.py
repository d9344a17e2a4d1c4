import json
from pathlib import Path

import pytest

from concerto.engines.codrafting.republique_numerique import load_republique_numerique
from concerto.engines.codrafting.republique_numerique_draft import draft_document, draft_opinions

# The shared data sit next to the repository, as for the other engines' samples.
ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT.parent / "shared" / "data" / "consultations" / "republique_numerique_2015"
needs_sample = pytest.mark.skipif(
    not (SAMPLE / "opinions.jsonl").is_file(),
    reason=f"the shared République numérique sample is not at {SAMPLE}",
)


def line_count(path):
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


@pytest.fixture(scope="module")
def consultation():
    return load_republique_numerique(SAMPLE)


@needs_sample
def test_every_opinion_and_argument_of_the_files_is_loaded(consultation):
    assert consultation.problems == ()
    assert line_count(SAMPLE / "opinions.jsonl") == len(consultation.opinions) == 696
    # Every argument is attached: the file's lines minus the orphans (none in this sample).
    assert consultation.orphan_arguments == ()
    assert consultation.argument_count == line_count(SAMPLE / "arguments.jsonl") == 3994
    opinions = consultation.opinions
    assert sum(len(o.arguments_for) for o in opinions) == 1960
    assert sum(len(o.arguments_against) for o in opinions) == 2034
    assert sum(o.votes_total for o in opinions) == 88622
    assert sum(o.is_trashed for o in opinions) == 4
    # The attached arguments match the counts the platform published, opinion by opinion.
    assert all(
        (len(o.arguments_for), len(o.arguments_against))
        == (o.declared_arguments_for, o.declared_arguments_against)
        for o in opinions
    )


@needs_sample
def test_sections_in_the_bills_order_with_their_inferred_chapters(consultation):
    sections = consultation.sections
    assert len(sections) == 18
    assert [(s.chapter, s.number) for s in sections] == [
        (1, 1), (1, 2), (1, 3),
        (2, 1), (2, 2),
        (3, 1), (3, 2), (3, 3), (3, 4),
        (4, 1), (4, 2),
        (5, 1), (5, 2),
        (6, 1), (6, 2),
        (7, 1), (7, 2), (7, 3),
    ]  # fmt: skip
    first, second = sections[0], sections[1]
    assert (first.label, first.subtitle, len(first.opinions)) == (
        "Section 1",
        "Ouverture des données publiques",
        162,
    )
    assert (second.label, second.subtitle, len(second.opinions)) == (
        "Section 2",
        "Service public de la donnée",
        47,
    )
    assert [o.id for o in first.opinions][:3] == [61, 62, 63]


@needs_sample
def test_opinion_100_has_its_votes_and_its_arguments(consultation):
    opinion = next(o for o in consultation.opinions if o.id == 100)
    assert opinion.title == "Couverture numérique des langues patrimoniales de la République"
    assert (opinion.votes_for, opinion.votes_against, opinion.votes_mixed) == (25, 72, 9)
    assert (len(opinion.arguments_for), len(opinion.arguments_against)) == (4, 7)
    assert [a.id for a in opinion.arguments_for] == [282, 1985, 3674, 4732]
    assert opinion.arguments_for[3].body == "Oui mais toujours avec une traduction française !"
    with (SAMPLE / "arguments.jsonl").open(encoding="utf-8") as lines:
        expected = sorted(
            row["argument_id"] for row in map(json.loads, lines) if row["opinion_id"] == 100
        )
    assert [a.id for a in opinion.arguments] == expected
    assert opinion.article_label == ""


@needs_sample
def test_the_governments_draft_is_articles_1_to_30(consultation):
    draft = draft_opinions(consultation)
    assert [o.id for o in draft] == list(range(61, 91))
    assert [o.article_number for o in draft] == [str(n) for n in range(1, 31)]
    imported = draft_document(consultation)
    assert imported.document.counts() == {
        "title": 0,
        "chapter": 7,
        "section": 18,
        "article": 30,
        "paragraph": 30,
    }
    assert imported.article_opinions["c1.s1.a1"] == 61
    assert imported.document.find("c1.s1.a1").heading.startswith("Open data par défaut")
    assert imported.article_opinions["c7.s3.a1"] == 90
    assert sum(len(ids) for ids in imported.proposals.values()) == 696 - 30
    assert len(imported.proposals["c1.s1"]) == 162 - 3


def write_lines(path, rows):
    path.write_text(
        "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n",
        encoding="utf-8",
    )


OPINION = {
    "id": 1,
    "section": "Section 1",
    "section_subtitle": "Essai",
    "title": "Article 1 - Essai",
    "body_text": "Texte.",
    "created_at": "2015-09-26T02:27:54+0200",
    "votes_ok": 2,
}
ARGUMENT = {
    "argument_id": 10,
    "opinion_id": 1,
    "type": 1,
    "body": "Oui.",
    "created_at": OPINION["created_at"],
}


def test_orphans_and_bad_lines_are_reported_not_dropped(tmp_path):
    write_lines(
        tmp_path / "opinions.jsonl",
        [OPINION, "{not json", {"id": 2}, OPINION, {**OPINION, "id": 3, "created_at": "hier"}],
    )
    write_lines(
        tmp_path / "arguments.jsonl",
        [ARGUMENT, {**ARGUMENT, "argument_id": 11, "opinion_id": 99, "type": 0}],
    )
    loaded = load_republique_numerique(tmp_path)
    assert [(p.code, p.line, p.detail) for p in loaded.problems] == [
        ("invalid_json", 2, "opinions.jsonl"),
        ("missing_field", 3, "section"),
        ("duplicate_id", 4, "1"),
        ("invalid_value", 5, "opinions.jsonl"),
    ]
    assert [(a.id, a.opinion_id, a.stance) for a in loaded.orphan_arguments] == [
        (11, 99, "against")
    ]
    (opinion,) = loaded.opinions
    assert (opinion.votes_for, opinion.votes_against, [a.id for a in opinion.arguments_for]) == (
        2,
        0,
        [10],
    )


def test_a_missing_folder_is_a_problem_not_an_exception(tmp_path):
    loaded = load_republique_numerique(tmp_path / "absent")
    assert loaded.sections == ()
    assert [(p.code, p.detail) for p in loaded.problems] == [
        ("missing_file", "arguments.jsonl"),
        ("missing_file", "opinions.jsonl"),
    ]
