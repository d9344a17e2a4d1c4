"""The République numérique 2015 dump's records: opinions, their arguments, sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from concerto.engines.codrafting.problems import Problem


@dataclass(frozen=True)
class Argument:
    id: int
    opinion_id: int
    stance: str  # "for" or "against"
    body: str
    created_at: datetime
    votes: int
    is_trashed: bool


@dataclass(frozen=True)
class Opinion:
    """An article of the draft or a citizen's proposed article, with votes and arguments.

    article_label, article_number: read from the title when it opens like an article
    ("Article 11bis - Transparence…" gives "Article 11bis", "11 bis"), else "".
    declared_arguments_for/against: the counts the platform published, to check against
    the arguments actually attached.
    """

    id: int
    title: str
    body: str
    created_at: datetime
    is_trashed: bool
    votes_for: int
    votes_against: int
    votes_mixed: int
    votes_total: int
    declared_arguments_for: int
    declared_arguments_against: int
    versions_count: int
    sources_count: int
    article_label: str = ""
    article_number: str = ""
    arguments: tuple[Argument, ...] = ()

    @property
    def arguments_for(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.stance == "for")

    @property
    def arguments_against(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.stance == "against")


@dataclass(frozen=True)
class Section:
    label: str  # "Section 2", as in the dump
    number: int
    subtitle: str
    chapter: int  # inferred, from 1 (see the module docstring)
    opinions: tuple[Opinion, ...]  # by id


@dataclass(frozen=True)
class Consultation:
    sections: tuple[Section, ...]
    orphan_arguments: tuple[Argument, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def opinions(self) -> list[Opinion]:
        return [opinion for section in self.sections for opinion in section.opinions]

    @property
    def argument_count(self) -> int:
        return sum(len(opinion.arguments) for opinion in self.opinions)
