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
(suppression under k and by difference, audited by linear programming). Each module's
docstring states its formulas and conventions. Names are exported lazily
(`concerto.engines.lazy_exports`): importing the package loads neither scipy nor
HiGHS until a name is used.
"""

from concerto.engines import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "MISSING": "model",
        "CategoryGap": "index",
        "CellTest": "lift",
        "ClosedResults": "results",
        "Exposure": "disclosure",
        "Publication": "disclosure",
        "PublishedCell": "disclosure",
        "QuestionIndex": "index",
        "RakeResult": "raking",
        "Reason": "model",
        "RepresentativenessError": "model",
        "RepresentativenessReport": "index",
        "Suppression": "disclosure",
        "Tally": "results",
        "WeightSpread": "weights",
        "WhoSaysWhat": "lift",
        "audit": "disclosure",
        "closed_results": "results",
        "counts_from_answers": "index",
        "kish_ess": "weights",
        "question_index": "index",
        "rake": "raking",
        "representativeness": "index",
        "suppress": "disclosure",
        "weight_spread": "weights",
        "who_says_what": "lift",
    },
)
