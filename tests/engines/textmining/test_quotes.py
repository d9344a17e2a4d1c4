"""Issue 23: a theme's quotes are never drawn from a campaign nor from a copy."""

import pytest

from concerto.engines.textmining import Params, analyse, canonical
from tests.engines.textmining.test_labels import sample

EOLIENNES = (
    "Stop aux éoliennes qui défigurent nos paysages et tuent les oiseaux, nous "
    "demandons un moratoire immédiat sur les éoliennes"
)


# Runs where, before issue 23, the campaign was quoted (by themes on diesel cars,
# boilers or solar panels).
@pytest.mark.parametrize(("n_themes", "seed"), [(None, 1), (8, 2), (12, 1), (12, 2)])
def test_a_campaign_is_never_quoted_by_an_unrelated_theme(n_themes, seed):
    """Eight people send the same text against wind turbines: it must never stand for
    a theme as its representative quote."""
    texts = sample()
    authors = [None] * len(texts)
    texts += [EOLIENNES + ("." if i % 2 else " !") for i in range(8)]
    authors += [f"campagne{i}" for i in range(8)]
    # Exact copies by other people, too few to be a campaign.
    texts += [texts[0], texts[0]]
    authors += ["copie1", "copie2"]
    result = analyse(texts, authors, params=Params(n_themes=n_themes, seed=seed))
    assert len(result.campaigns) == 1
    for theme in result.themes:
        for quote in theme.quotes:
            assert result.campaign[quote] < 0, (theme.label, texts[quote])
            assert not result.is_copy[quote]
            assert "éoliennes qui défigurent" not in texts[quote]
        assert len({canonical(texts[q]) for q in theme.quotes}) == len(theme.quotes)


def test_a_theme_made_of_a_campaign_alone_has_no_quote():
    from tests.engines.textmining.test_engine import FISCAL, TRANSPORT

    texts = TRANSPORT + FISCAL + [EOLIENNES] * 6
    authors = [f"a{i}" for i in range(12)] + [f"c{i}" for i in range(6)]
    result = analyse(texts, authors, params=Params(n_themes=3))
    campaign_theme = result.theme[12]
    assert all(result.theme[i] == campaign_theme for i in range(12, 18))
    assert result.themes[campaign_theme].quotes == []
    for theme in result.themes:
        assert all(result.campaign[q] < 0 for q in theme.quotes)
