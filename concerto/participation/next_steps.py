"""Where a participant goes once a contribution is stored.

A module kind's view ends with `after_contribution(request, process, next_url)`. A domain
built on participation that asks something of contributors once stored (the profile
questions of representativeness) registers a step from its AppConfig.ready(), so that
the module kinds do not import it (issue 20): a function
`(request, process, next_url) -> str | None`, the address to go to first, or None.
"""

from django.shortcuts import redirect

from concerto.hooks import Hooks

_steps = Hooks()
# Called from a domain's AppConfig.ready(); registering the same step again is harmless.
register_step = _steps.add


def after_contribution(request, process, next_url: str):
    """The first registered step that has something to ask, else `next_url`."""
    for step in _steps:
        url = step(request, process, next_url)
        if url:
            return redirect(url)
    return redirect(next_url)
