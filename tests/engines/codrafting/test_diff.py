import pytest

from concerto.engines.codrafting.diff import (
    DiffOp,
    is_unchanged,
    new_text,
    old_text,
    similarity,
    tokenise,
    word_diff,
)


def changes(ops):
    return [(op.op, op.text) for op in ops]


def test_tokens_are_words_punctuation_and_whitespace():
    assert tokenise("L'État, à Noël :  oui.") == [
        "L",
        "'",
        "État",
        ",",
        " ",
        "à",
        " ",
        "Noël",
        " ",
        ":",
        "  ",
        "oui",
        ".",
    ]


def test_french_rewording_with_accents_and_punctuation():
    old = "L'État et les collectivités proposent, sur chaque site, des versions."
    new = (
        "L'État et les communes proposent, sur chaque site internet public, "
        "des versions intégrales."
    )
    assert changes(word_diff(old, new)) == [
        ("equal", "L'État et les "),
        ("delete", "collectivités"),
        ("insert", "communes"),
        ("equal", " proposent, sur chaque site"),
        ("insert", " internet public"),
        ("equal", ", des versions"),
        ("insert", " intégrales"),
        ("equal", "."),
    ]


def test_a_changed_punctuation_mark_is_its_own_change():
    assert changes(word_diff("Il décide ; elle exécute.", "Il décide : elle exécute.")) == [
        ("equal", "Il décide "),
        ("delete", ";"),
        ("insert", ":"),
        ("equal", " elle exécute."),
    ]


def test_short_shared_runs_between_changes_are_folded_into_one_change():
    # Without folding: delete "a", insert "c", equal " ", delete "b", insert "d".
    assert changes(word_diff("a b", "c d")) == [("delete", "a b"), ("insert", "c d")]
    assert changes(word_diff("Le préfet arrête le plan.", "Le maire arrête le budget.")) == [
        ("equal", "Le "),
        ("delete", "préfet"),
        ("insert", "maire"),
        ("equal", " arrête le "),
        ("delete", "plan"),
        ("insert", "budget"),
        ("equal", "."),
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", []),
        ("", "Nouvel alinéa.", [DiffOp("insert", "Nouvel alinéa.")]),
        ("Alinéa supprimé.", "", [DiffOp("delete", "Alinéa supprimé.")]),
        ("Même texte.", "Même texte.", [DiffOp("equal", "Même texte.")]),
    ],
)
def test_edge_cases(old, new, expected):
    assert word_diff(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Le  texte\tavec\nespaces.", "Le texte avec\n\nespaces !"),
        ("« Citation » – tiret, 1er janvier 2026.", "« Citation » — tiret ; 1er juillet 2027…"),
        ("Œuvre de l'esprit", "œuvres de l’esprit"),
    ],
)
def test_both_texts_are_rebuilt_verbatim_from_the_ops(old, new):
    ops = word_diff(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert not is_unchanged(ops)


def test_similarity_ignores_case_and_spacing():
    assert similarity("Le Préfet  arrête.", "le préfet arrête.") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("un deux trois quatre", "un deux cinq six") == 0.5
