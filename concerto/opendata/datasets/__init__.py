"""The published datasets, in the order of the open-data page."""

from concerto.opendata.datasets.base import Dataset, Field
from concerto.opendata.datasets.codrafting import SUGGESTIONS, UNITS
from concerto.opendata.datasets.followup import ANSWERS, FIGURES
from concerto.opendata.datasets.panels import PANELS
from concerto.opendata.datasets.participation import CONTRIBUTIONS, PROPOSALS
from concerto.opendata.datasets.registry import OPINIONS, PROCESSES
from concerto.opendata.datasets.representativeness import REPRESENTATIVENESS

DATASETS: tuple[Dataset, ...] = (
    PROCESSES,
    OPINIONS,
    CONTRIBUTIONS,
    PROPOSALS,
    SUGGESTIONS,
    UNITS,
    ANSWERS,
    FIGURES,
    PANELS,
    REPRESENTATIVENESS,
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}

__all__ = ["BY_NAME", "DATASETS", "Dataset", "Field"]
