from concerto.analysis.models.analysis import (
    Analysis,
    Assignment,
    CampaignGroup,
    Operation,
    Theme,
)
from concerto.analysis.models.synthesis import Synthesis, SynthesisTheme

__all__ = [
    "Analysis",
    "Assignment",
    "CampaignGroup",
    "Operation",
    "Synthesis",
    "SynthesisTheme",
    "Theme",
]
