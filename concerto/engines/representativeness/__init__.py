"""Who was heard, and who was not: representativeness, raking and safe publication (issue 27).

Pure Python on numpy + scipy, no Django. Inputs are integer codes (the Django side
maps profile answers and reference categories to 0..K−1, `MISSING` = −1 for a
skipped question); outputs are dataclasses with numbers and reason codes, never
sentences. Typical use::

    raked = rake(answers, targets)                    # weights summing to n
    report = representativeness(
        [counts_from_answers(answers[:, q], len(t)) for q, t in enumerate(targets)],
        targets,
    )
    results = closed_results(question_answers, n_choices, raked.weights)
    lifts = who_says_what(group_by_answer_counts)     # Holm-corrected by default
    publication = Publication(counts); publication.add_table("t", (0, 1))
    hidden = suppress(publication, k=10)              # primary + secondary

Modules: `raking` (iterative proportional fitting, trimming, diagnosis of
impossible margins by linear programming in `feasibility`), `weights` (Kish
effective sample size, spread), `index` (1 − total variation distance per
question, gaps, under-representation), `results` (raw and weighted closed
questions), `lift` (who says what, with Holm or Benjamini–Hochberg), `disclosure`
(suppression under k and by difference, audited exactly). Each module's
docstring states its formulas and conventions.
"""

from concerto.engines.representativeness.disclosure import (
    Exposure,
    Publication,
    PublishedCell,
    Suppression,
    audit,
    suppress,
)
from concerto.engines.representativeness.index import (
    CategoryGap,
    QuestionIndex,
    RepresentativenessReport,
    counts_from_answers,
    question_index,
    representativeness,
)
from concerto.engines.representativeness.lift import CellTest, WhoSaysWhat, who_says_what
from concerto.engines.representativeness.model import MISSING, Reason, RepresentativenessError
from concerto.engines.representativeness.raking import RakeResult, rake
from concerto.engines.representativeness.results import ClosedResults, Tally, closed_results
from concerto.engines.representativeness.weights import WeightSpread, kish_ess, weight_spread

__all__ = [
    "MISSING",
    "CategoryGap",
    "CellTest",
    "ClosedResults",
    "Exposure",
    "Publication",
    "PublishedCell",
    "QuestionIndex",
    "RakeResult",
    "Reason",
    "RepresentativenessError",
    "RepresentativenessReport",
    "Suppression",
    "Tally",
    "WeightSpread",
    "WhoSaysWhat",
    "audit",
    "closed_results",
    "counts_from_answers",
    "kish_ess",
    "question_index",
    "rake",
    "representativeness",
    "suppress",
    "weight_spread",
    "who_says_what",
]
