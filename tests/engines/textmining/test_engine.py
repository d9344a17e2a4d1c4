"""The text-mining engine on small, hand-made inputs with known answers."""

import numpy as np

from concerto.engines.textmining import Params, analyse, canonical, cross_tabulate
from concerto.engines.textmining.normalise import Tokeniser

CAMPAIGN = (
    "Nous demandons la suppression immédiate de la taxe sur les carburants pour tous "
    "les automobilistes des zones rurales"
)
TRANSPORT = [
    "Développer les transports en commun, bus et trains, dans les campagnes",
    "Plus de trains régionaux et de bus : des transports en commun pour travailler",
    "Des transports en commun fréquents, bus et trains, vers les gares",
    "Des bus à la demande et des trains dans les villages : les transports en commun",
    "Rouvrir les petites lignes de trains et de bus, transports en commun ruraux",
    "Des transports en commun moins chers : bus et trains pour tous",
]
FISCAL = [
    "Baisser les impôts et la TVA : une fiscalité plus juste pour les ménages",
    "Des impôts plus justes : supprimer la CSG, une fiscalité équitable",
    "Rétablir l'impôt sur la fortune pour une fiscalité plus juste",
    "Une fiscalité juste : des impôts sur les très hauts revenus",
    "Des impôts plus progressifs, une fiscalité juste avec plus de tranches",
    "Lutter contre la fraude aux impôts pour une fiscalité juste",
]


def corpus():
    texts = TRANSPORT + FISCAL
    authors = [f"a{i}" for i in range(len(texts))]
    # Own repeat (same author, different case and punctuation) and a copy by another.
    texts += [TRANSPORT[0].upper() + " !", FISCAL[0]]
    authors += ["a0", "b1"]
    # A campaign: the same text, lightly edited, by six distinct authors.
    for i in range(6):
        texts.append(CAMPAIGN if i % 2 else "Je pense que " + CAMPAIGN.lower())
        authors.append(f"c{i}")
    return texts, authors


def test_canonical_ignores_case_accents_and_punctuation():
    assert canonical("Élus : ÉCOUTEZ-nous !") == canonical("elus ecoutez nous")
    assert canonical("Élus : ÉCOUTEZ-nous !") == "elus ecoutez nous"


def test_stems_and_stop_words():
    tokeniser = Tokeniser()
    ids = np.asarray(tokeniser.tokens("Les impôts et l'impôt des retraités"))
    stems = [tokeniser.vocabulary.stems[s] for s in tokeniser.stems(ids)]
    assert stems == ["impot", "impot", "retrait"]


def test_duplicates_own_repeats_counted_apart():
    texts, authors = corpus()
    result = analyse(texts, authors, params=Params(n_themes=2))
    assert result.is_copy[12] and result.is_self_repeat[12]
    assert result.is_copy[13] and not result.is_self_repeat[13]
    assert result.n_self_repeats == 1
    # The two identical campaign wordings are copies too (by other authors).
    assert result.n_copies == 2 + 4
    assert result.n_cross_author_copies == 5
    assert result.duplicate_group[12] == result.duplicate_group[0] >= 0
    assert result.duplicate_group[1] == -1


def test_campaign_across_distinct_authors():
    texts, authors = corpus()
    result = analyse(texts, authors, params=Params(n_themes=2))
    assert len(result.campaigns) == 1
    campaign = result.campaigns[0]
    assert (campaign.kind, campaign.size, campaign.authors) == ("text", 6, 6)
    assert np.flatnonzero(result.campaign == 0).tolist() == list(range(14, 20))


def test_same_text_by_one_author_is_not_a_campaign():
    texts = [CAMPAIGN] * 6 + TRANSPORT
    result = analyse(texts, ["same"] * 6 + [f"a{i}" for i in range(6)], params=Params(n_themes=2))
    assert result.campaigns == []
    assert result.n_self_repeats == 5


def test_sentence_campaign():
    sentence = "Le référendum d'initiative citoyenne doit être inscrit dans la constitution."
    texts = [f"{t}. {sentence}" for t in TRANSPORT + FISCAL[:1]] + FISCAL[1:]
    result = analyse(texts, params=Params(n_themes=2))
    assert [(c.kind, c.size) for c in result.campaigns] == [("sentence", 7)]
    assert "référendum d'initiative citoyenne" in result.campaigns[0].sentence


def test_themes_separate_topics_with_labels_and_quotes():
    texts, authors = corpus()
    result = analyse(texts, authors, params=Params(n_themes=2, seed=1))
    transport = {result.theme[i] for i in range(6)}
    fiscal = {result.theme[i] for i in range(6, 12)}
    assert len(transport) == 1 and len(fiscal) == 1 and transport != fiscal
    assert sum(t.size for t in result.themes) == int((result.theme >= 0).sum())
    for theme in result.themes:
        assert theme.label and theme.label[0].isupper()
        assert 1 <= len(theme.quotes) <= 3
        assert len({canonical(texts[q]) for q in theme.quotes}) == len(theme.quotes)
        assert all(result.theme[q] == theme.id for q in theme.quotes)
    # The own repeat follows its original.
    assert result.theme[12] == result.theme[0]


def test_deterministic_for_a_seed_and_progress_reported():
    texts, authors = corpus()
    stages = []
    first = analyse(
        texts, authors, params=Params(seed=3), progress=lambda s, d, t: stages.append(s)
    )
    second = analyse(texts, authors, params=Params(seed=3))
    assert first.theme.tolist() == second.theme.tolist()
    assert [t.label for t in first.themes] == [t.label for t in second.themes]
    assert {"normalisation", "doublons", "campagnes", "thèmes"} <= set(stages)


def test_empty_texts_are_not_classified():
    result = analyse(["", "   ", "?!"] + TRANSPORT, params=Params(n_themes=2))
    assert result.n_empty == 3
    assert result.theme[:3].tolist() == [-1, -1, -1]


def test_cross_tabulate_by_consented_profile():
    table = cross_tabulate(
        ["Oui", "Non", "Oui", None, ["Oui", "Non"]],
        [{"age": "18-24"}, {"age": "65+"}, None, {"age": "18-24"}, {"age": "18-24"}],
        choices=["Oui", "Non", "Sans avis"],
    )
    assert table.total == 4
    assert table.counts == {"Oui": 3, "Non": 2, "Sans avis": 0}
    assert table.by_profile == {
        "age": {
            "18-24": {"Oui": 2, "Non": 1, "Sans avis": 0},
            "65+": {"Oui": 0, "Non": 1, "Sans avis": 0},
        }
    }


def test_theme_labels_skip_stance_words():
    from concerto.engines.textmining.themes import _label

    assert _label(["pas", "impôts", "plus", "taxe", "carburant"]) == "Impôts, taxe, carburant"
    assert _label(["pas", "rien"]) == "—"
