from concerto.analysis.models.analysis import (
    Analysis,
    Assignment,
    CampaignGroup,
    Operation,
    ProviderAccess,
    Theme,
)
from concerto.analysis.models.synthesis import Synthesis, SynthesisTheme

__all__ = [
    "Analysis",
    "Assignment",
    "CampaignGroup",
    "Operation",
    "ProviderAccess",
    "Synthesis",
    "SynthesisTheme",
    "Theme",
]
