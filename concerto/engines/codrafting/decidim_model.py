"""A Decidim participatory text's export, as co-drafting data: its parts and amendments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from concerto.engines.codrafting.problems import Problem
from concerto.engines.codrafting.structure import Document

SECTION = "section"
SUB_SECTION = "sub-section"
ARTICLE = "article"
LEVELS = (SECTION, SUB_SECTION, ARTICLE)


@dataclass(frozen=True)
class DecidimProposal:
    """One proposal of the export: a part of the text (`level` set) or an amendment.

    title, body: in French where the export has French, else in its first language.
    supports: the proposal's votes ("supports" in older exports; 0 when hidden).
    endorsements: its endorsements ("likes" since Decidim 0.28).
    amended_id: for an amendment, the id of the proposal it amends.
    """

    id: int
    level: str
    position: int | None
    title: str
    body: str
    submitted_at: datetime | None
    supports: int = 0
    endorsements: int = 0
    comments: int = 0
    state: str = ""
    withdrawn: bool = False
    amended_id: int | None = None

    @property
    def is_amendment(self) -> bool:
        return self.amended_id is not None


@dataclass(frozen=True)
class Amendment:
    """An amendment, placed: it rewords paragraph `paragraph_key` of article
    `article_key`, whose text was `base_text`, into `text`."""

    proposal: DecidimProposal
    article_key: str
    paragraph_key: str
    base_text: str
    text: str


@dataclass(frozen=True)
class DecidimText:
    """The export read: the text (None on error), each part's proposal, the amendments.

    parts: unit key -> id of the proposal that unit comes from (sections, articles).
    """

    document: Document | None
    parts: dict[str, DecidimProposal]
    amendments: tuple[Amendment, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.document is not None


@dataclass(frozen=True)
class DecidimComment:
    """A comment of the export that argues: for (alignment 1) or against (-1) a part of
    the text or an amendment (`proposal_id`)."""

    id: int
    proposal_id: int
    stance: str  # "for" or "against"
    body: str
    submitted_at: datetime | None


@dataclass(frozen=True)
class DecidimComments:
    """The comments export read against the text: the arguments, and how many comments
    were left out and why ("neutral": no alignment, "reply": an answer to a comment,
    "on_section": about a section, where no argument goes)."""

    arguments: tuple[DecidimComment, ...] = ()
    left_out: dict[str, int] | None = None
    problems: tuple[Problem, ...] = ()
