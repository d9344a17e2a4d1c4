"""A volunteer finds themself in the published lottery with the code they received.

The code is the volunteer's pseudonym in the lottery (`PoolMember.token`): the
organiser sends it to each person of the pool, and volunteers who registered online
read it when they register. The lottery is public, so the answer reveals nothing that
the published files do not. The invitation code is not accepted: whoever holds the
letter (someone of the household) would learn whether its addressee registered.
"""

import re
from dataclasses import dataclass, field

from concerto.engines import sortition
from concerto.panels.models import Draw, Panel

TOKEN = re.compile(r"p[0-9a-f]{12}")


@dataclass(frozen=True)
class TicketLookup:
    """Where a code stands in a panel's lottery and draws."""

    code: str
    m: int
    # Numbers (1..m) of the lottery's panels that hold the code.
    numbers: list[int]
    # The number the seed designates, once the seed is fixed.
    designated: int | None = None
    # Replacement draws that added the code to the panel.
    replacements: list[Draw] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.numbers)

    @property
    def in_every_ticket(self) -> bool:
        return len(self.numbers) == self.m

    @property
    def chance(self) -> float:
        return len(self.numbers) / self.m

    @property
    def designated_holds_code(self) -> bool:
        return self.designated in self.numbers


def token_for(typed: str) -> str | None:
    """The lottery pseudonym a typed tirage code stands for (capitals, spaces and dashes
    set aside), or None when it is not one."""
    compact = "".join(c for c in typed.lower() if c.isalnum())
    return compact if TOKEN.fullmatch(compact) else None


def look_up(panel: Panel, token: str) -> TicketLookup:
    """The panels of `panel`'s lottery that hold `token`, and what the draws made of it."""
    tickets = panel.lottery["tickets"]
    numbers = [n for n, ticket in enumerate(tickets, start=1) if token in ticket]
    designated = sortition.draw_number(panel.seed, len(tickets)) if panel.seed_fixed_at else None
    replacements = [
        draw
        for draw in panel.draws.filter(kind=Draw.Kind.REPLACEMENT, number__isnull=False)
        if token in draw.member_tokens
    ]
    return TicketLookup(token, len(tickets), numbers, designated, replacements)
