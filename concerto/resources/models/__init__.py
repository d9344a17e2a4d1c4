from concerto.resources.models.capsules import CapsuleChapter, CapsuleIndexPage, CapsulePage
from concerto.resources.models.faq import FaqEntryPage, FaqIndexPage, FaqTheme
from concerto.resources.models.feedback import UsefulnessVote
from concerto.resources.models.guide import (
    FollowUpDossierPage,
    GuideChapterPage,
    GuidePage,
    GuideSheetPage,
    ResourceHomePage,
)

__all__ = [
    "CapsuleChapter",
    "CapsuleIndexPage",
    "CapsulePage",
    "FaqEntryPage",
    "FaqIndexPage",
    "FaqTheme",
    "FollowUpDossierPage",
    "GuideChapterPage",
    "GuidePage",
    "GuideSheetPage",
    "ResourceHomePage",
    "UsefulnessVote",
]
