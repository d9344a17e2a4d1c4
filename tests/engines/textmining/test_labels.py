"""Issue 23: theme labels made of content words, on the real Grand Débat answers
of the demo."""

import csv
from pathlib import Path

import pytest

from concerto.engines.textmining import Params, analyse

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "concerto"
    / "analysis"
    / "data"
    / "grand_debat_environnement.csv"
)
# Written for this test, independently of the engine's list: French function words,
# and light or modal verbs in the forms people type.
FORBIDDEN = set(
    """
    le la les un une des du de et ou mais donc car ni que qui quoi dont où ce cet cette
    ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle on
    nous vous ils elles me te se moi toi lui eux y en à au aux dans par pour sur sous avec
    sans chez vers entre comme si quand lorsque aussi très tout tous toute toutes ainsi
    alors déjà encore toujours possible possibles
    être suis es est sommes êtes sont étais était étaient été serai sera serait seraient
    avoir ai as a avons avez ont avais avait avaient eu aurai aura aurait auraient
    pouvoir peux peut pouvons pouvez peuvent pouvait pourrai pourra pourrait pourraient pu
    faire fais fait faisons faites font faisait ferai fera ferait feraient fasse
    falloir faut fallait faudra faudrait fallu
    devoir dois doit devons devez doivent devait devrai devra devrait devraient dû
    aller vais vas va allons allez vont allait irai ira irait iraient allé
    mettre mets met mettons mettez mettent mettait mettrai mettra mettrait mis
    vouloir veux veut voulons voulez veulent voulait voudrais voudrait voudraient voulu
    """.split()
)


def sample() -> list[str]:
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        return [row["comment"] for row in csv.DictReader(handle)]


def label_words(label: str) -> list[str]:
    return [word.strip().lower() for word in label.split(",")]


@pytest.mark.parametrize("n_themes", [None, 5, 8])
def test_demo_labels_hold_no_stop_word_nor_light_verb(n_themes):
    from concerto.engines.textmining.normalise import STOP_WORDS

    result = analyse(sample(), params=Params(n_themes=n_themes))
    assert result.themes
    for theme in result.themes:
        words = label_words(theme.label)
        assert not FORBIDDEN & set(words), theme.label
        assert not STOP_WORDS & set(words), theme.label


def test_the_stop_word_list_holds_light_verbs_and_their_forms():
    from concerto.engines.textmining.normalise import STOP_WORDS

    assert {"peux", "peut", "faut", "fait", "fais", "possible", "vont", "mettre", "voudrais"} <= (
        STOP_WORDS
    )
    # Words that carry an opinion stay: "pas", "plus", "moins".
    assert not {"pas", "plus", "moins", "marche", "vélo"} & STOP_WORDS
    # Typed without accents, a form is still a stop word.
    assert {"etait", "ete", "deja"} <= STOP_WORDS


def test_labels_fold_simple_plurals():
    texts = [
        "Les transports en commun gratuits, un transport pour tous",
        "Des transports moins chers et des bus fréquents",
        "Un transport en commun rapide et des bus électriques",
        "Les impôts des ménages, un impôt juste",
        "Baisser les impôts et la taxe foncière",
        "Un impôt sur la fortune et une taxe sur les profits",
    ]
    result = analyse(texts, params=Params(n_themes=2))
    terms = {term for theme in result.themes for term in theme.terms}
    assert "transport" in terms and "transports" not in terms
    assert "impôt" in terms and "impôts" not in terms
