"""Fixed-window rate limits on submissions and votes, per person and per address.

Counters live in the cache every app server shares (concerto/cache.py: Redis, or the
database by default), keyed by person and by client address (concerto/clientaddress.py).

While that cache is down the limits fail open: its backend answers every count as a key
not found (concerto/cache.py), so each count is 1 and everyone goes through. A citizen
is never refused because our cache is down; the price is that nobody is limited until
it is back. Guessing passwords stays bounded: django-axes counts sign-in failures
in the database (its default AxesDatabaseHandler; AXES_HANDLER is not set), not here.
"""

from django.conf import settings

from concerto.cache import count_in_window


def allow(action: str, keys: list[str]) -> bool:
    """Count one `action` for each key (e.g. "user:12", "ip:203.0.113.4"); False once
    any key is over its limit in the current window."""
    limit, window = settings.PARTICIPATION_RATE_LIMITS[action]
    counts = count_in_window([f"ratelimit:{action}:{key}" for key in keys], window)
    return all(count <= limit for count in counts)


def client_keys(user, address: str | None) -> list[str]:
    keys = []
    if user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    if address:
        keys.append(f"ip:{address}")
    return keys
