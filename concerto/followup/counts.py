"""The devoir de suite's counts, made once per change and shared by every app server.

What a published answer covers is read from its links: 50,000 rows for a Grand Débat
theme, a million for a process's taux de suite (bench/bench_followup.py). Counting them on
every page view put the public answer page past a second and the process's follow-up page
past thirty at 20 readers. Those counts move only when the follow-up changes (an answer
saved, linked or published) or when a contribution of the process is saved (created,
withdrawn, hidden, restored). Each such change gives the process, and the State, a new
*generation* (concerto/generations.py); counts are kept under the generation current when
they were made, so a page never shows counts older than the last change, on any app
server. Writes that bypass `save()` (bulk imports of paper
contributions) show within KEPT_SECONDS, when the counts expire.
"""

from collections.abc import Callable
from typing import Any

from concerto import generations

KEPT_SECONDS = 600
STATE = "state"


def process_scope(process_id: int) -> str:
    return f"process:{process_id}"


def changed(process_id: int) -> None:
    """The follow-up counts of this process (and the State's) are out of date."""
    generations.renew(process_scope(process_id), STATE)


def pages_scope(process_id: int) -> str:
    """What the public follow-up pages show besides the counts: milestones, ratings,
    commitments, versions, the synthesis quoted, the panel's recommendation. Kept apart
    from the counts' scope so that a citizen's rating does not have the taux de suite
    counted again (1.8 s at 1,000,000 contributions)."""
    return f"followup-pages:{process_id}"


def shown(process_id: int) -> None:
    """What the public follow-up pages of this process show has changed."""
    generations.renew(pages_scope(process_id))


def remembered(scope: str, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept under the scope's current generation."""
    return generations.remembered(scope, f"followup:{name}", compute, KEPT_SECONDS)
