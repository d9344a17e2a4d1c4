"""Closed questions: counts per choice, overall and per consented profile value."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class CrossTab:
    choices: list[str]
    counts: dict[str, int]
    total: int
    # profile field -> profile value -> choice -> count; answers without a consented
    # profile value are left out of that field's table, never guessed.
    by_profile: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def share(self, choice: str) -> float:
        return self.counts.get(choice, 0) / self.total if self.total else 0.0


def cross_tabulate(
    answers: list[str | list[str] | None],
    profiles: list[dict[str, str] | None] | None = None,
    choices: list[str] | None = None,
) -> CrossTab:
    """`answers[i]` is one choice or a list of choices (multiple-choice question)."""
    counts: Counter = Counter()
    by_profile: dict[str, dict[str, Counter]] = {}
    total = 0
    for i, answer in enumerate(answers):
        if answer is None or answer == "" or answer == []:
            continue
        values = answer if isinstance(answer, list) else [answer]
        total += 1
        counts.update(str(v) for v in values)
        profile = profiles[i] if profiles else None
        for key, value in (profile or {}).items():
            if value:
                table = by_profile.setdefault(key, {}).setdefault(value, Counter())
                table.update(str(v) for v in values)
    ordered = list(choices or [])
    ordered += sorted(c for c in counts if c not in ordered)
    return CrossTab(
        choices=ordered,
        counts={c: counts.get(c, 0) for c in ordered},
        total=total,
        by_profile={
            key: {
                value: {c: table.get(c, 0) for c in ordered}
                for value, table in sorted(rows.items())
            }
            for key, rows in sorted(by_profile.items())
        },
    )
