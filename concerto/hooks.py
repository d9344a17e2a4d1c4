"""Room a lower package leaves for what the packages built on it provide (issue 20).

The lower package declares the room at module level; a package built on it fills it from
its AppConfig.ready(), so that the lower package never imports it. Every process fills it
the same way when it starts: configuration, not state held across requests.

- `Slot`: one function (the staff access recorder, the catalogue of profile questions,
  the finder of opinion groups). Setting another function than the one set is an error.
- `Hooks`: any number of functions (the steps after a contribution, the hash chains to
  verify), in the order they were added (the order of INSTALLED_APPS).
"""

from collections.abc import Callable, Iterator

from django.core.exceptions import ImproperlyConfigured


class Slot:
    """One function, set once; calling the slot calls it, or raises `missing` if unset."""

    def __init__(self, what: str, missing: str):
        self.what = what
        self.missing = missing
        self.function: Callable | None = None

    def set(self, function: Callable) -> None:
        """Called from an AppConfig.ready(); setting the same function again is harmless."""
        if self.function is not None and self.function != function:
            raise ImproperlyConfigured(f"{self.what} is already set.")
        self.function = function

    @property
    def is_set(self) -> bool:
        return self.function is not None

    def __call__(self, *args, **kwargs):
        if self.function is None:
            raise ImproperlyConfigured(self.missing)
        return self.function(*args, **kwargs)


class Hooks:
    """Functions added from AppConfig.ready(); adding one twice keeps it once."""

    def __init__(self) -> None:
        self.functions: list[Callable] = []

    def add(self, function: Callable) -> None:
        if function not in self.functions:
            self.functions.append(function)

    def __iter__(self) -> Iterator[Callable]:
        return iter(self.functions)
