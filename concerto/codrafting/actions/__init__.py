"""Named write operations of the co-drafting module: the organiser's (import, correct,
publish, revise) in `text`, the citizens' (suggest) in `suggestions`, the answers in
`answers`. Views call these; tests call these to set up state."""

from concerto.codrafting.actions.answers import Decision, answer_suggestion
from concerto.codrafting.actions.suggestions import suggest_article, suggest_rewording
from concerto.codrafting.actions.text import (
    DraftUnreadable,
    add_article,
    import_draft,
    publish_version,
    start_version,
    update_unit,
)

__all__ = [
    "Decision",
    "DraftUnreadable",
    "add_article",
    "answer_suggestion",
    "import_draft",
    "publish_version",
    "start_version",
    "suggest_article",
    "suggest_rewording",
    "update_unit",
]
