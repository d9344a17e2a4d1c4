"""Shared vocabulary of the representativeness engine: missing answers, reasons, errors.

The engine speaks codes, not sentences: every diagnosis is a `Reason` with a
stable `code` and the numbers behind it, and the Django side words it in French.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# An answer coded MISSING means the participant skipped the question. Skipping is
# a right (the profile is voluntary), so it is never imputed: the participant is
# left out of that question's counts and of its raking step, and kept in the others.
MISSING = -1


@dataclass(frozen=True)
class Reason:
    """A structured diagnosis: `code` plus where it applies and the values behind it.

    Codes used by the engine:

    - `no_respondents`: nobody answered `question`;
    - `empty_category`: `category` of `question` has a positive target share but
      no respondent (or only respondents of zero base weight), so no weight can
      reach it;
    - `contradictory_margins`: the targets of several questions cannot hold at the
      same time on the answer combinations present in the sample; one reason per
      category whose closest attainable share misses its target (`target`,
      `closest`);
    - `bounds_too_tight`: the margins are attainable, but not with weights inside
      the trimming bounds; same values as above;
    - `not_converged`: attainable in principle but not within the iteration limit
      (typically when the only solutions put some answer combinations at weight 0);
      `max_error` and the worst `question`/`category`.
    """

    code: str
    question: int | None = None
    category: int | None = None
    values: dict[str, float] = field(default_factory=dict)


class RepresentativenessError(ValueError):
    """Invalid input (a programming error on the caller's side), with a code and values.

    Codes: `shape_mismatch`, `code_out_of_range`, `targets_not_shares`,
    `negative_weight`, `invalid_total`, `invalid_bounds`, `invalid_table`, `unknown_correction`.
    """

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values
