"""Contribution analysis for French texts: duplicates, campaigns, themes, closed questions.

Pure Python (numpy, scipy, scikit-learn, snowballstemmer); nothing is downloaded.
"""

from concerto.engines.textmining.closed import CrossTab, cross_tabulate
from concerto.engines.textmining.model import (
    Analysis,
    Campaign,
    Params,
    TextMiningError,
    Theme,
)
from concerto.engines.textmining.normalise import canonical
from concerto.engines.textmining.pipeline import analyse

__all__ = [
    "Analysis",
    "Campaign",
    "CrossTab",
    "Params",
    "TextMiningError",
    "Theme",
    "analyse",
    "canonical",
    "cross_tabulate",
]
