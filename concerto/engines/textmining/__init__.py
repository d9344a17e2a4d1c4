"""Contribution analysis for French texts: duplicates, campaigns, themes, closed questions.

Pure Python (numpy, scipy, scikit-learn, snowballstemmer); nothing is downloaded.
"""

from concerto.engines import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "Analysis": "model",
        "Campaign": "model",
        "CrossTab": "closed",
        "Params": "model",
        "TextMiningError": "model",
        "Theme": "model",
        "analyse": "pipeline",
        "canonical": "normalise",
        "cross_tabulate": "closed",
    },
)
