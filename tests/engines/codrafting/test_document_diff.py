from concerto.engines.codrafting.document_diff import document_diff
from concerto.engines.codrafting.markdown import read_markdown
from concerto.engines.codrafting.plaintext import read_plain_text
from concerto.engines.codrafting.structure import Document, Unit

VERSION_1 = """Exposé des motifs.
Chapitre Ier
Article 1er
L'État ouvre ses données par défaut.
Article 2
Les collectivités publient leurs budgets.
Article 3
Les opérateurs garantissent la neutralité du réseau.
Le régulateur contrôle.
Article 4
La loi entre en vigueur le 1er janvier.
"""
# An article 2 is inserted: the old 2, 3 and 4 become 3, 4 and 5; the old 3 is reworded.
VERSION_2 = """Exposé des motifs.
Chapitre Ier
Article 1er
L'État ouvre ses données par défaut.
Article 2
Toute personne a droit à l'accès à internet.
Article 3
Les collectivités publient leurs budgets.
Article 4
Les opérateurs garantissent la neutralité de l'internet.
Le régulateur contrôle.
Article 5
La loi entre en vigueur le 1er juillet.
"""


def document(text):
    return read_plain_text(text).document


def summary(diff):
    return [(u.status, u.kind, u.old_key, u.new_key, u.old_label, u.new_label) for u in diff.units]


def test_an_inserted_article_renumbers_the_following_ones_without_rewriting_them():
    diff = document_diff(document(VERSION_1), document(VERSION_2))
    assert summary(diff) == [
        ("unchanged", "document", "", "", "", ""),
        ("unchanged", "chapter", "c1", "c1", "Chapitre Ier", "Chapitre Ier"),
        ("unchanged", "article", "c1.a1", "c1.a1", "Article 1er", "Article 1er"),
        ("added", "article", None, "c1.a2", "", "Article 2"),
        ("unchanged", "article", "c1.a2", "c1.a3", "Article 2", "Article 3"),
        ("changed", "article", "c1.a3", "c1.a4", "Article 3", "Article 4"),
        ("changed", "article", "c1.a4", "c1.a5", "Article 4", "Article 5"),
    ]
    assert diff.counts() == {"added": 1, "removed": 0, "changed": 2, "unchanged": 4}
    assert [u.new_label for u in diff.renumbered] == ["Article 3", "Article 4", "Article 5"]
    assert all(u.moved for u in diff.renumbered)
    reworded = diff.units[5]
    assert [(p.status, p.old_key, p.new_key) for p in reworded.paragraphs] == [
        ("changed", "c1.a3.p1", "c1.a4.p1"),
        ("unchanged", "c1.a3.p2", "c1.a4.p2"),
    ]
    assert [(op.op, op.text) for op in reworded.paragraphs[0].ops] == [
        ("equal", "Les opérateurs garantissent la neutralité "),
        ("delete", "du réseau"),
        ("insert", "de l'internet"),
        ("equal", "."),
    ]
    added = diff.units[3]
    assert [(p.status, p.new_key, p.ops[0].op) for p in added.paragraphs] == [
        ("added", "c1.a2.p1", "insert")
    ]


def test_provenance_is_carried_to_the_units_and_paragraphs_it_names():
    diff = document_diff(
        document(VERSION_1),
        document(VERSION_2),
        provenance={"c1.a2": [7], "c1.a2.p1": [7, 8], "c1.a4.p1": [12, 40], "c9": [1]},
    )
    new_article_2, old_article_3 = diff.units[3], diff.units[5]
    assert new_article_2.suggestion_ids == (7,)
    assert new_article_2.all_suggestion_ids == (7, 8)
    assert old_article_3.suggestion_ids == ()
    assert old_article_3.paragraphs[0].suggestion_ids == (12, 40)
    assert old_article_3.all_suggestion_ids == (12, 40)
    assert [u.all_suggestion_ids for u in diff.units if u.status == "unchanged"] == [()] * 4
    assert diff.unknown_keys == ("c9",)


def test_a_removed_article_takes_its_provenance_from_the_old_keys():
    version_2 = VERSION_1.replace("Article 2\nLes collectivités publient leurs budgets.\n", "")
    diff = document_diff(
        document(VERSION_1), document(version_2), removed_provenance={"c1.a2": ["s-3"]}
    )
    removed = [u for u in diff.units if u.status == "removed"]
    assert [(u.old_key, u.new_key, u.old_label, u.suggestion_ids) for u in removed] == [
        ("c1.a2", None, "Article 2", ("s-3",))
    ]
    assert [p.status for p in removed[0].paragraphs] == ["removed"]
    assert diff.counts() == {"added": 0, "removed": 1, "changed": 0, "unchanged": 5}


def test_an_article_rewritten_from_scratch_keeps_its_number_and_is_changed():
    old = document("Article 1er\nLes communes publient leurs budgets.\nArticle 2\nFin.")
    new = document("Article 1er\nToute personne a droit à internet.\nArticle 2\nFin.")
    diff = document_diff(old, new)
    assert summary(diff) == [
        ("changed", "article", "a1", "a1", "Article 1er", "Article 1er"),
        ("unchanged", "article", "a2", "a2", "Article 2", "Article 2"),
    ]
    assert [p.status for p in diff.units[0].paragraphs] == ["changed"]


def test_a_chapter_heading_change_and_an_article_moved_to_another_chapter():
    old = document(
        "Chapitre Ier\nDispositions générales\nArticle 1er\nUn.\n"
        "Chapitre II\nAccès\nArticle 2\nDeux.\n"
    )
    new = document(
        "Chapitre Ier\nDispositions communes\nArticle 1er\nUn.\nArticle 2\nDeux.\n"
        "Chapitre II\nAccès\n"
    )
    diff = document_diff(old, new)
    assert summary(diff) == [
        ("changed", "chapter", "c1", "c1", "Chapitre Ier", "Chapitre Ier"),
        ("unchanged", "article", "c1.a1", "c1.a1", "Article 1er", "Article 1er"),
        ("unchanged", "article", "c2.a1", "c1.a2", "Article 2", "Article 2"),
        ("unchanged", "chapter", "c2", "c2", "Chapitre II", "Chapitre II"),
    ]
    assert [(op.op, op.text) for op in diff.units[0].heading_ops] == [
        ("equal", "Dispositions "),
        ("delete", "générales"),
        ("insert", "communes"),
    ]
    assert diff.units[2].moved and not diff.units[2].renumbered


def test_paragraphs_inserted_and_removed_inside_an_article():
    old = document("Article 1er\nPremier alinéa.\nDeuxième alinéa supprimé.\nTroisième alinéa.")
    new = document("Article 1er\nPremier alinéa.\nTroisième alinéa.\nQuatrième alinéa ajouté.")
    paragraphs = document_diff(old, new).units[0].paragraphs
    assert [(p.status, p.old_key, p.new_key) for p in paragraphs] == [
        ("unchanged", "a1.p1", "a1.p1"),
        ("removed", "a1.p2", None),
        ("unchanged", "a1.p3", "a1.p2"),
        ("added", None, "a1.p3"),
    ]


def test_identical_and_empty_documents():
    text = document(VERSION_1)
    same = document_diff(text, document(VERSION_1))
    assert {u.status for u in same.units} == {"unchanged"}
    assert same.paragraph_counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": 6}
    assert document_diff(Document.of([]), Document.of([])).units == ()
    created = document_diff(Document.of([]), Document.of([Unit("article", "Article 1", "1")]))
    assert summary(created) == [("added", "article", None, "a1", "", "Article 1")]


def numbered_text(bodies):
    return "".join(f"Article {n}\n{body}\n" for n, body in enumerate(bodies, start=1))


def test_a_wholesale_rewrite_still_pairs_a_reworded_article_far_down_the_text():
    # 80 x 81 candidate pairs: over the full-comparison limit, so only the band is scored.
    old = [f"Ancien texte numéro {n} sur le sujet {n * 7}." for n in range(80)]
    new = [f"Rédaction nouvelle {n} portant sur l'objet {n * 13} !" for n in range(81)]
    old[40] = "Les opérateurs garantissent la neutralité du réseau internet en France."
    new[41] = "Les opérateurs garantissent la neutralité de l'internet en France."
    old[79] = new[80] = "La loi entre en vigueur le 1er janvier."
    diff = document_diff(document(numbered_text(old)), document(numbered_text(new)))
    reworded = [u for u in diff.units if u.old_key == "a41"]
    assert [(u.status, u.new_key, u.new_label) for u in reworded] == [
        ("changed", "a42", "Article 42")
    ]
    last = [u for u in diff.units if u.old_key == "a80"]
    assert [(u.status, u.new_key) for u in last] == [("unchanged", "a81")]
    # The rest pair by number where no pair above crosses them: old 1-40 and 43-79 are full
    # rewrites of the same number; old 42 lost its number to old 41, new 41 and 80 are new.
    assert diff.counts() == {"added": 2, "removed": 1, "changed": 78, "unchanged": 1}
    assert [u.new_key for u in diff.units if u.status == "added"] == ["a41", "a80"]
    assert [u.old_key for u in diff.units if u.status == "removed"] == ["a42"]


def test_units_without_a_number_pair_by_key_when_rewritten():
    old = read_markdown("## Dispositions générales\n\n### Objet\n\nLe plan fixe les objectifs.")
    new = read_markdown("## Champ d'application\n\n### Portée\n\nToute commune est concernée.")
    diff = document_diff(old.document, new.document)
    assert summary(diff) == [
        ("changed", "chapter", "c1", "c1", "", ""),
        ("changed", "article", "c1.a1", "c1.a1", "", ""),
    ]
    assert [p.status for p in diff.units[1].paragraphs] == ["changed"]
