"""What a contribution reads from the shared cache, read at once as the form comes in.

A contribution online reads values kept by the domains built on participation: the
themes its form offers (proposals), whether its author follows what they contribute to
(follows), the profile questions its process asks next (representativeness). Read where
each domain needs it, they cost a round trip to the cache each, one after the other.
Each domain registers from its AppConfig.ready() what it reads, as a function
`(module, user) -> [remembered() arguments]`; a form sent to a module by a signed-in
participant reads them all in one round trip (generations.read_ahead), which the
domains' own reads then find.
"""

from concerto import generations
from concerto.hooks import Hooks

_reads = Hooks()
# Called from a domain's AppConfig.ready(); registering the same function again is harmless.
register_reads = _reads.add


def read_ahead(module, user) -> None:
    generations.read_ahead([wanted for reads in _reads for wanted in reads(module, user)])
